import type { RuleSetInput } from "@/lib/rules/schema";

const r = String.raw;

/**
 * The rule set a new install starts with: triage-contract.md section 3, as data. Admins change it
 * through versions; this object is only what version 1 holds. Patterns are matched case-insensitively
 * against the lead's own words (fields and lead messages, never the agent's), in English and Spanish.
 */
export const defaultRuleSet: RuleSetInput = {
  name: "Contract default",
  description: "triage-contract.md section 3: filter no-fit, escalate value/risk/exception/ambiguity/sensitive actions, ask for missing data, act on low-risk fit.",
  thresholds: { employees: 50, monthlyLeads: 300, budget: 15_000, budgetCurrencies: ["USD", "EUR"], urgentDays: 30 },
  freeEmailDomains: [
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.es", "yahoo.co.uk", "hotmail.com", "hotmail.es", "outlook.com", "outlook.es",
    "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "proton.me", "protonmail.com",
    "yandex.com", "mail.ru", "zoho.com", "mail.com", "terra.es", "telefonica.net",
  ],
  sensitiveActions: ["send_email", "update_crm_status", "create_deal", "update_crm_record"],
  signals: {
    // Risk: the agent stops acting and a person looks at it now.
    "risk.pricing": {
      label: "pricing or discount negotiation",
      patterns: [],
      languages: {
        en: [r`\bdiscounts?\b`, r`\b\d{1,2}\s?% (off|less|cheaper|reduction)\b[^.?!]{0,30}\b(if|for|when|on)\b`, r`\b(can|could) you do\b[^.?!]{0,30}\b(off|less|cheaper|better)\b`, r`\b(lower|reduce|drop|cut|beat|match)\b[^.?!]{0,30}\b(price|pricing|quote|fee|cost|rate)s?\b`, r`\b(over|above|exceeds?)\b[^.?!]{0,15}\bbudget\b`, r`\btoo (expensive|pricey|high)\b`, r`\bnegotiat\w*`, r`\bbetter (price|deal|rate|offer)\b`, r`\bprice match\b`],
        es: [r`\bdescuentos?\b`, r`\brebaja\w*`, r`\b(bajar|reducir|mejorar)\b[^.?!]{0,20}\b(precio|presupuesto|tarifa)`, r`\bnegociar\b`, r`\bdemasiado caro\b`, r`\bpor encima de(l| nuestro)? presupuesto\b`],
      },
    },
    "risk.legal_terms": {
      label: "contract or legal terms",
      patterns: [],
      languages: {
        en: [r`\bcontract(s|ual)?\b`, r`\bNDAs?\b`, r`\bnon-disclosure\b`, r`\bDPAs?\b`, r`\bdata processing agreement\b`, r`\bliabilit(y|ies)\b`, r`\bindemnif\w*`, r`\bSLA penalt\w*`, r`\bpenalt(y|ies) clause\b`, r`\bexclusivity\b`, r`\bexclusive (rights|deal|agreement)\b`, r`\blegal (counsel|department|team|terms)\b`],
        es: [r`\bcontrato\w*`, r`\bacuerdo de confidencialidad\b`, r`\bexclusividad\b`, r`\bpenalizaci[oó]n\w*`, r`\bresponsabilidad legal\b`, r`\bdepartamento legal\b`],
      },
    },
    "risk.complaint": {
      label: "complaint, refund or cancellation threat",
      patterns: [],
      languages: {
        en: [r`\bunhappy\b`, r`\bdisappointed\b`, r`\b(furious|angry|outraged|frustrated|upset)\b`, r`\bnever agreed\b`, r`\b(second|third) time\b[^.?!]{0,40}\b(this|that|in a)\b`, r`\bnot acceptable\b`, r`\bcomplain\w*`, r`\brefunds?\b`, r`\bmoney back\b`, r`\bcancel(l?ing|l?ed|lation)?\b`, r`\bterminate (the|our) (contract|subscription|service)\b`, r`\bunacceptable\b`, r`\blawyers?\b`, r`\bstill (not|isn't|doesn't) work\w*`],
        es: [r`\bqueja\w*`, r`\breclamaci[oó]n\w*`, r`\breembolso\w*`, r`\bdevoluci[oó]n\b`, r`\bcancelar\w*`, r`\bdescontent\w*`, r`\binsatisfech\w*`, r`\bmuy molest\w*`],
      },
    },
    "risk.sensitive_data": {
      label: "sensitive data shared",
      // Card numbers: 13-19 digits in groups; the extractor also checks the Luhn digit.
      patterns: [r`\b(?:\d[ -]?){12,18}\d\b`, r`\bCVV2?\b`, r`\bCVC\b`],
      languages: {
        en: [r`\b(credit |debit |customer |company )?card (numbers?|details)\b`, r`\bcredit cards?\b`, r`\bpasswords?\b`, r`\bpassport (number|no)\b`, r`\bsocial security\b`, r`\bSSN\b`, r`\bnational id\b`, r`\bmedical (record|history|condition)s?\b`, r`\bpatient (data|records?)\b`, r`\bhealth (data|records?|condition)\b`, r`\bdiagnosed with\b`],
        es: [r`\b(datos|n[uú]meros) de (la )?tarjeta\b`, r`\bcontraseñas?\b`, r`\bDNI\b`, r`\bNIE\b`, r`\bhistorias? cl[ií]nicas?\b`, r`\bdatos (m[eé]dicos|de salud)\b`],
      },
    },
    "risk.legal_commitment": {
      label: "a legal commitment asked of us",
      patterns: [],
      languages: {
        en: [r`\bguarantee\w*\b[^.?!]{0,40}\b(in writing|written|contractually|legally)\b`, r`\b(written|legal|contractual) guarantee\b`, r`\b(legally|contractually) binding\b`, r`\bsign (a|an|the) (commitment|guarantee|undertaking)\b`],
        es: [r`\bgarantiz\w*\b[^.?!]{0,40}\bpor escrito\b`, r`\bcompromiso (legal|por escrito|contractual)\b`],
      },
    },

    // No fit: polite filter.
    "noFit.job_seeker": {
      label: "job seeker",
      patterns: [],
      languages: {
        en: [r`\bjoin your team\b`, r`\bopen (positions|roles|vacancies)\b`, r`\bjob (opening|offer|application|opportunit)\w*`, r`\bapply(ing)? for (a|the) (job|position|role)\b`, r`\bmy (cv|resume|résumé)\b`, r`\binternships?\b`, r`\bare you hiring\b`],
        es: [r`\bvacantes?\b`, r`\bofertas? de (empleo|trabajo)\b`, r`\btrabajar con (ustedes|vosotros)\b`, r`\bmi (cv|curr[ií]culum)\b`],
      },
    },
    "noFit.student_research": {
      label: "student or research request",
      patterns: [],
      languages: {
        en: [r`\buniversity (project|assignment|course)\b`, r`\bthesis\b`, r`\bdissertation\b`, r`\b(short |quick )?survey\b`, r`\bresearch (project|paper|study)\b`, r`\bI'?m a student\b`, r`\bfor (my|a) (class|course|homework)\b`],
        es: [r`\btrabajo (de fin de grado|fin de máster|universitario)\b`, r`\b(TFG|TFM)\b`, r`\btesis\b`, r`\bencuesta\b`],
      },
    },
    "noFit.student_email": { label: "student email address", target: "email", patterns: [r`@(student|students|alumni|alumnos|estudiantes)\.`, r`\.edu(\.[a-z]{2})?$`, r`@[^@]*\.ac\.[a-z]{2}$`] },
    "noFit.vendor_pitch": {
      label: "vendor pitching us",
      patterns: [],
      languages: {
        en: [r`\bwe (offer|provide|sell)\b[^.?!]{0,60}\b(services?|solutions?|software|platform|leads)\b`, r`\b(can|could) book\b[^.?!]{0,30}\bmeetings\b[^.?!]{0,30}\bfor (you|your team)\b`, r`\boutsourced (sdr|sales|lead generation)\b`, r`\bwould you be interested in our\b`, r`\bour (agency|company) (specializes|specialises) in\b`],
        es: [r`\bofrecemos (servicios|soluciones)\b`, r`\bnuestros servicios de\b`],
      },
    },
    "noFit.spam": {
      label: "spam",
      patterns: [],
      languages: {
        en: [r`\bclick (now|here)\b`, r`\bno prescription\b`, r`\bcheap (meds|pills|viagra)\b`, r`\bviagra\b`, r`\bcasino\b`, r`\bcrypto (giveaway|airdrop)\b`, r`\b\d{2}% off\b[^.?!]{0,30}\b(click|buy|order|shop)\b`, r`\b(click|buy|order|shop)\b[^.?!]{0,30}\b\d{2}% off\b`, r`\bbuy now\b`, r`\blimited time offer\b`, r`\bwinner\b[^.?!]{0,20}\bprize\b`],
        es: [r`\bhaz clic\b`, r`\bsin receta\b`],
      },
    },
    "personal.request": {
      label: "a consumer's personal request",
      patterns: [],
      languages: {
        en: [r`\bmy (phone|photos?|pictures|laptop|computer|pc|printer|wi-?fi|tv|television|tablet|ipad|iphone|grandson|granddaughter|grandchildren|wife|husband|kids?|son|daughter)\b`],
        es: [r`\bmi (tel[eé]fono|m[oó]vil|ordenador|port[aá]til|impresora|nieto|nieta|hijo|hija)\b`, r`\bmis fotos\b`],
      },
    },
    "outOfScope.service": {
      label: "a service we do not offer",
      patterns: [],
      languages: {
        en: [r`\b(web |website )?hosting\b`, r`\blogo( design)?\b`, r`\bSEO\b`, r`\bweb ?design\b`, r`\bbuild (a|our|my) (web ?site|app)\b`, r`\bsocial media (management|posts)\b`, r`\bdomain name\b`, r`\bprint(ing)? (flyers|business cards)\b`],
        es: [r`\bdiseño (de )?(logo|web)\b`, r`\balojamiento web\b`, r`\bposicionamiento\b`],
      },
    },

    // In scope: what the seller does.
    "scope.sales_process": {
      label: "sales process",
      patterns: [],
      languages: {
        en: [r`\bsales (process|pipeline|team|follow-?ups?|ops|operations)\b`, r`\bpipeline\b`],
        es: [r`\bproceso (comercial|de ventas)\b`, r`\bequipo (comercial|de ventas)\b`, r`\bventas\b`],
      },
    },
    "scope.qualification": {
      label: "lead qualification",
      patterns: [],
      languages: {
        en: [r`\bqualif(y|ies|ying|ied|ication)\b`, r`\bunqualified\b`, r`\blead scoring\b`, r`\b(inbound|web|website|form) leads\b`, r`\bsignups?\b`, r`\bleads\b`],
        es: [r`\bcalifi(car|que|quen|caci[oó]n)\w*`],
      },
    },
    "scope.forms_crm": {
      label: "forms and CRM",
      patterns: [r`\bCRMs?\b`, r`\bHubSpot\b`, r`\bPipedrive\b`, r`\bSalesforce\b`],
      languages: {
        en: [r`\b(web ?site |web |contact |inquiry |wholesale inquiry )?forms?\b`, r`\breporting\b`, r`\brouting\b`],
        es: [r`\bformularios?\b`],
      },
    },
    "scope.handoff": { label: "handoff to sales", patterns: [],
      languages: {
        en: [r`\bhand(s|ing)? (them |the good ones |it )?(off |over )?to sales\b`, r`\bhand-?offs?\b`],
        es: [r`\bderiv\w* a ventas\b`, r`\bpase a ventas\b`],
      } },
    "scope.ai_agent": {
      label: "AI sales agent",
      patterns: [],
      languages: {
        en: [r`\bAI (sales )?(agent|assistant|chatbot|bot)s?\b`, r`\b(chat|sales|virtual|voice) (agent|assistant)s?\b`, r`\bchat ?bots?\b`, r`\bbots?\b`, r`\bqualification agent\b`],
        es: [r`\bagentes? de (IA|inteligencia artificial)\b`, r`\basistente (de IA|virtual)\b`],
      },
    },
    "scope.automation": { label: "automation of sales follow-up", patterns: [],
      languages: {
        en: [r`\bautomat\w*`, r`\bfollow-?ups?\b`, r`\bbook(ing)? (a )?(call|demo|meetings?)\b`],
        es: [r`\bautomatiz\w*`, r`\bseguimiento\b`],
      } },

    // Offer exceptions: in scope, outside the standard offer.
    "exception.white_label": {
      label: "white-label or reseller",
      patterns: [],
      languages: {
        en: [r`\bwhite[- ]?label\w*`, r`\bresell\w*`, r`\bunder (our|their) own brand\b`, r`\bour own branding\b`, r`\b(partner|reseller|referral|agency) program(me)?\b`, r`\boffer your\b[^.?!]{0,40}\bto our (clients|customers)\b`],
        es: [r`\bmarca blanca\b`, r`\brevend\w*`, r`\b(bajo|con) nuestra (propia )?marca\b`, r`\bprograma de (partners|socios|afiliados|distribuidores)\b`, r`\bofrecer vuestr[oa]\b[^.?!]{0,40}\ba nuestros clientes\b`],
      },
    },
    "exception.on_premise": {
      label: "on-premise or self-hosted deployment",
      patterns: [],
      languages: {
        en: [r`\bon[- ]?prem(ise|ises)?\b`, r`\bself[- ]hosted\b`, r`\b(our|their) own (data ?cent(re|er)|servers?|infrastructure)\b`, r`\bair[- ]gapped\b`],
        es: [r`\ben (nuestros|sus) (propios )?servidores\b`, r`\bcentro de datos propio\b`],
      },
    },
    "exception.unsupported_crm": {
      label: "a CRM we do not integrate",
      patterns: [r`\b(Microsoft )?Dynamics( 365)?\b`, r`\bZoho( CRM)?\b`, r`\bOdoo\b`, r`\bSugarCRM\b`, r`\bFreshsales\b`, r`\bSAP (CRM|C4C|Sales Cloud)\b`, r`\bInsightly\b`, r`\bCopper CRM\b`, r`\bMonday (CRM|sales)\b`, r`\bBitrix24\b`, r`\bKeap\b`],
    },
    "exception.unsupported_language": {
      label: "a language or market we do not serve",
      patterns: [],
      languages: {
        en: [r`\b(in|speaks?|speaking) (German|French|Italian|Portuguese|Dutch|Japanese|Chinese|Mandarin|Korean|Arabic|Russian|Polish|Turkish|Swedish|Norwegian|Danish|Finnish)\b`, r`\b(German|French|Italian|Portuguese|Dutch|Japanese|Chinese|Arabic)[- ]speaking\b`],
        es: [r`\ben (alem[aá]n|franc[eé]s|italiano|portugu[eé]s|japon[eé]s|chino|[aá]rabe)\b`],
      },
    },

    // Ambiguity: several unrelated needs or no clear objective.
    "ambiguity.unclear_objective": {
      label: "several needs or no clear objective",
      patterns: [],
      languages: {
        en: [r`\bopen to (ideas|suggestions|anything)\b`, r`\bnot sure (what|which|if|whether|where|how)\b`, r`\bwhere to start\b`, r`\b(several|a few|a couple of|many) (different )?things\b`, r`\b(haven't|have not|not yet) decided\b`, r`\bor maybe\b`, r`\bmight need\b[^.?!]*\bor\b`, r`\bwhatever you (think|recommend|suggest)\b`, r`\bexploring (options|possibilities)\b`],
        es: [r`\bno (hemos decidido|sabemos por d[oó]nde empezar)\b`, r`\bvarias cosas\b`, r`\bno (lo )?tenemos claro\b`, r`\babiertos a (ideas|propuestas)\b`, r`\bno sé (si|qué)\b`, r`\bo quiz[aá]s\b`],
      },
    },

    // Urgency words (a stated timeline is read separately, in days).
    "urgency.words": {
      label: "urgency",
      patterns: [],
      languages: {
        en: [r`\basap\b`, r`\bas soon as possible\b`, r`\burgent(ly)?\b`, r`\bthis (week|month)\b`, r`\bright away\b`, r`\bimmediately\b`],
        es: [r`\burgente\b`, r`\bcuanto antes\b`, r`\besta semana\b`, r`\beste mes\b`, r`\blo antes posible\b`],
      },
    },

    // Lead text that tries to instruct the agent: recorded, never obeyed.
    "injection.instructions": {
      label: "instructions aimed at the agent",
      patterns: [r`</?system>`],
      languages: {
        en: [r`\bignore (all |your |the )?(previous |prior )?(rules|instructions)\b`, r`\bnew instructions\b`, r`\byou must (escalate|approve|mark)\b`, r`\bapprove (all|everything)\b`, r`\bmark me (as )?(converted|immediate|high value)\b`],
        es: [r`\bignora (tus|las) (reglas|instrucciones)\b`],
      },
    },
  },
  features: {
    noFitLead: { any: ["noFit", { all: ["outOfScope", { not: "scope" }] }, { all: ["personal", { not: "business" }] }] },
    fit: { all: ["business", "scope"] },
    highValue: { all: ["fit", "volume"] },
    urgent: { any: ["urgentTimeline", "urgency"] },
    offerException: { all: ["exception", { any: ["business", "scope"] }] },
    relevantAmbiguity: { all: ["business", "ambiguity"] },
  },
  rules: [
    {
      id: "default.filter.no_fit",
      description: "A no-fit signal and no risk signal: filter politely.",
      when: { all: ["noFitLead", { not: "risk" }] },
      decision: "filter",
      priority: null,
      reasons: [{ code: "no_fit", evidence: "noFitLead" }],
    },
    {
      id: "default.escalate",
      description: "Risk, volume with fit, an offer exception, relevant ambiguity or a sensitive proposed action: a person decides.",
      when: { any: ["risk", "highValue", "offerException", "relevantAmbiguity", "sensitiveAction"] },
      decision: "escalate",
      priority: [{ when: { any: ["risk", { all: ["highValue", "urgent"] }] }, value: "immediate" }, { value: "normal" }],
      reasons: [
        { code: "risk", when: "risk" },
        { code: "high_value", when: "highValue", evidence: "volume" },
        { code: "offer_exception", when: "offerException", evidence: "exception" },
        { code: "ambiguity", when: "relevantAmbiguity", evidence: "ambiguity" },
        { code: "sensitive_action", when: "sensitiveAction" },
        { code: "missing_data", when: "missingCritical" },
      ],
    },
    {
      id: "default.ask.missing_data",
      description: "A critical field (email, company, need) is missing: ask for it.",
      when: "missingCritical",
      decision: "ask",
      priority: "nurture",
      reasons: [{ code: "missing_data" }],
    },
    {
      id: "default.act.low_risk_fit",
      description: "Fit, no risk, below volume: send the booking link for a diagnosis call, create the CRM contact and a task.",
      when: "fit",
      decision: "act",
      priority: null,
      reasons: [{ code: "low_risk_fit", evidence: "scope" }],
      actions: ["send_booking_link", "create_task"],
    },
    {
      id: "default.ask.undecided",
      description: "Anything left: ask the questions that would decide it.",
      when: true,
      decision: "ask",
      priority: "nurture",
      reasons: [{ code: "missing_data" }],
    },
  ],
};
