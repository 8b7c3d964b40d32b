import type { RuleSetInput } from "@/lib/rules/schema";

const r = String.raw;
// An amount of money as leads write it: "18k", "€9,000", "12.000 €", "$17,500", "15,000 EUR", "3,000 to 2,200 euros".
const amount = r`(?:[$€£]\s?\d[\d.,]*\s?k?\b|\b\d[\d.,]*\s?(?:k|mil)?\s?(?:€|euros?\b|eur\b|usd\b|dollars\b|d[oó]lares\b)|\b\d+(?:[.,]\d+)?\s?k\b|\b\d{1,3}(?:[.,]\d{3})+\b)`;

/**
 * The rule set a new install starts with: triage-contract.md section 3, as data. Admins change it
 * through versions; this object is only what version 1 holds. Patterns are matched case-insensitively
 * against the lead's own words (fields and lead messages, never the agent's), in English and Spanish.
 */
export const defaultRuleSet: RuleSetInput = {
  name: "Contract default",
  description:
    "triage-contract.md section 3: filter no-fit, escalate value/risk/exception/ambiguity/sensitive actions, ask for missing data, act on low-risk fit.",
  thresholds: { employees: 50, monthlyLeads: 300, budget: 15_000, budgetCurrencies: ["USD", "EUR"], urgentDays: 30 },
  freeEmailDomains: [
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.es",
    "yahoo.co.uk",
    "hotmail.com",
    "hotmail.es",
    "outlook.com",
    "outlook.es",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "proton.me",
    "protonmail.com",
    "yandex.com",
    "mail.ru",
    "zoho.com",
    "mail.com",
    "terra.es",
    "telefonica.net",
  ],
  sensitiveActions: ["send_email", "update_crm_status", "create_deal", "update_crm_record"],
  signals: {
    // Risk: the agent stops acting and a person looks at it now.
    "risk.pricing": {
      label: "pricing or discount negotiation",
      patterns: [],
      languages: {
        en: [
          r`\bdiscounts?\b`,
          r`\b\d{1,2}\s?% (off|less|cheaper|reduction)\b[^.?!]{0,30}\b(if|for|when|on)\b`,
          r`\b(can|could) you do\b[^.?!]{0,30}\b(off|less|cheaper|better)\b`,
          r`\b(lower|reduce|drop|cut|beat|match)\b[^.?!]{0,30}\b(price|pricing|quote|fee|cost|rate)s?\b`,
          r`\b(over|above|exceeds?)\b[^.?!]{0,15}\bbudget\b`,
          r`\btoo (expensive|pricey|high)\b`,
          r`\bnegotiat\w*`,
          r`\bbetter (price|deal|rate|offer)\b`,
          r`\bprice match\b`,
        ],
        es: [
          r`\bdescuentos?\b`,
          r`\brebaja\w*`,
          r`\b(bajar|reducir|mejorar)\b[^.?!]{0,20}\b(precio|presupuesto|tarifa)`,
          r`\bnegociar\b`,
          r`\bdemasiado caro\b`,
          r`\bpor encima de(l| nuestro)? presupuesto\b`,
        ],
      },
    },
    "risk.legal_terms": {
      label: "contract or legal terms",
      patterns: [],
      languages: {
        en: [
          r`\bcontract(s|ual)?\b`,
          r`\bNDAs?\b`,
          r`\bnon-disclosure\b`,
          r`\bDPAs?\b`,
          r`\bdata processing agreement\b`,
          r`\bliabilit(y|ies)\b`,
          r`\bindemnif\w*`,
          r`\bSLA penalt\w*`,
          r`\bpenalt(y|ies) clause\b`,
          r`\bexclusivity\b`,
          r`\bexclusive (rights|deal|agreement)\b`,
          r`\blegal (counsel|department|team|terms)\b`,
        ],
        es: [
          r`\bcontrato\w*`,
          r`\bacuerdo de confidencialidad\b`,
          r`\bexclusividad\b`,
          r`\bpenalizaci[oó]n\w*`,
          r`\bresponsabilidad legal\b`,
          r`\bdepartamento legal\b`,
        ],
      },
    },
    "risk.complaint": {
      label: "complaint, refund or cancellation threat",
      patterns: [],
      languages: {
        en: [
          r`\bunhappy\b`,
          r`\bdisappointed\b`,
          r`\b(furious|angry|outraged|frustrated|upset)\b`,
          r`\bnever agreed\b`,
          r`\b(second|third) time\b[^.?!]{0,40}\b(this|that|in a)\b`,
          r`\bnot acceptable\b`,
          r`\bcomplain\w*`,
          r`\brefunds?\b`,
          r`\bmoney back\b`,
          r`\bcancel(l?ing|l?ed|lation)?\b`,
          r`\bterminate (the|our) (contract|subscription|service)\b`,
          r`\bunacceptable\b`,
          r`\blawyers?\b`,
          r`\bstill (not|isn't|doesn't) work\w*`,
        ],
        es: [
          r`\bqueja\w*`,
          r`\breclamaci[oó]n\w*`,
          r`\breembolso\w*`,
          r`\bdevoluci[oó]n\b`,
          r`\bcancelar\w*`,
          r`\bdescontent\w*`,
          r`\binsatisfech\w*`,
          r`\bmuy molest\w*`,
        ],
      },
    },
    "risk.sensitive_data": {
      label: "sensitive data shared",
      // Card numbers: 13-19 digits in groups; the extractor also checks the Luhn digit.
      patterns: [r`\b(?:\d[ -]?){12,18}\d\b`, r`\bCVV2?\b`, r`\bCVC\b`],
      languages: {
        en: [
          r`\b(credit |debit |customer |company )?card (numbers?|details)\b`,
          r`\bcredit cards?\b`,
          r`\bpasswords?\b`,
          r`\bpassport (number|no)\b`,
          r`\bsocial security\b`,
          r`\bSSN\b`,
          r`\bnational id\b`,
          r`\bmedical (record|history|condition)s?\b`,
          r`\bpatient (data|records?)\b`,
          r`\bhealth (data|records?|condition)\b`,
          r`\bdiagnosed with\b`,
        ],
        es: [
          r`\b(datos|n[uú]meros) de (la )?tarjeta\b`,
          r`\bcontraseñas?\b`,
          r`\bDNI\b`,
          r`\bNIE\b`,
          r`\bhistorias? cl[ií]nicas?\b`,
          r`\bdatos (m[eé]dicos|de salud)\b`,
        ],
      },
    },
    "risk.legal_commitment": {
      label: "a legal commitment asked of us",
      patterns: [],
      languages: {
        en: [
          r`\bguarantee\w*\b[^.?!]{0,40}\b(in writing|written|contractually|legally)\b`,
          r`\b(written|legal|contractual) guarantee\b`,
          r`\b(legally|contractually) binding\b`,
          r`\bsign (a|an|the) (commitment|guarantee|undertaking)\b`,
        ],
        es: [r`\bgarantiz\w*\b[^.?!]{0,40}\bpor escrito\b`, r`\bcompromiso (legal|por escrito|contractual)\b`],
      },
    },

    // A counter-offer: an amount with a comparison or a condition ("18k is too much; if you can do 12k we sign").
    "risk.negotiation": {
      label: "price negotiation (a counter-offer)",
      patterns: [
        // One pattern for everything that starts with the amount (scanned once, not once per phrasing): "18k is too much",
        // "€7,000 instead of €9,000", "12k es mucho", "16,000 would get it signed", "10k max".
        r`${amount}(?:[^.?!]{0,40}\b(?:is|are|seems?|feels?|sounds?)\s+(?:too (?:much|high|steep|expensive)|steep|a lot|more than we)|[^.?!]{0,12}\b(?:instead of|rather than|vs\.?|versus)\s+${amount}|\s+(?:es|son|nos parece|se nos va)[^.?!]{0,20}\b(?:mucho|demasiado|caro|de presupuesto)|\s+(?:would|will|could) (?:get|make) (?:it|this|us)\b|\s+(?:max|maximum|tops|at most|m[aá]ximo|como m[aá]ximo)\b)`,
        r`\bfrom\s+${amount}\s+to\s+${amount}`,
        r`\b(closer to|down to|go to|go up to|max(imum)? of|at most|no more than|cap (it )?at)\s+${amount}`,
        r`\b(por|en|a)\s+${amount}[^.?!]{0,20}\b(cerramos|firmamos|seguimos|empezamos|arrancamos)\b`,
        r`\b(en vez de|en lugar de)\s+${amount}`,
        // The amount is the condition of a yes: "at $9k we're in", "con 13.000 € lo aprobamos".
        r`\b(at|for|with)\s+${amount}[^.?!]{0,30}\b(we'?re in|we are in|we'?ll sign|we will sign|we sign|it'?s a (yes|deal)|you have a deal)\b`,
        r`\bcon\s+${amount}[^.?!]{0,30}\b(lo |la )?(aprobamos|firmamos|cerramos|seguimos|empezamos|contratamos)\b`,
        r`\b(baje|bajar|bajara|quede|dejar) (a|en)\s+${amount}`,
        r`\b\d{1,2}\s?% (reduction|lower|less|cheaper|menos|de rebaja)\b`,
        // A ceiling on what they will pay: "our ceiling is 8k", "10k max", "can't go above €20,000", "un tope de 10.000 €".
        r`\b(ceiling|cap|limit|tope|l[ií]mite|m[aá]ximo)\b[^.?!]{0,15}\b(is|es|de|of)\s+${amount}`,
        r`\b(can'?t|cannot|won'?t|will not) (go|pay|spend) (above|over|beyond|past|more than)\s+${amount}`,
        r`\bno podemos (pasar de|gastar m[aá]s de|pagar m[aá]s de|superar( los)?)\s+${amount}`,
        // A counter-offer stated as what they can do: "we can do 11,000 for the full setup, not 14,000".
        r`\bwe (can|could) (do|pay|offer|go to|stretch to)\s+${amount}(?!\s*(leads?|calls|meetings|users|seats|people|employees|contacts|inquiries|requests|a month|per month|monthly))`,
        r`\bnot\s+${amount}`,
        r`\bm[aá]s de lo que (podemos|queremos) (pagar|gastar|invertir)\b`,
        r`\b(lo )?dej(amos|amoslo|arlo|adlo|áis) en\s+${amount}`,
      ],
      languages: {
        en: [
          r`\bif you (can |could )?(do|go|make it|come down|drop|knock|bring (it|that) down|get (it|the \w+) down|lower)\b`,
          r`\bmatch (that|the|their|this|our) (price|quote|offer|rate)\b`,
          r`\bbeat\s+(that|their|the|this|an?|[$€£]|\d)`,
          r`\b(another|other|a) (consultancy|agency|vendor|provider|competitor|company)\b[^.?!]{0,40}\b(quoted|offered|charges|offers)\b`,
          r`\bcompetitor\b[^.?!]{0,40}\b(quoted|offered|cheaper|half)\b`,
          r`\b(any|some) flexibility on\b`,
          r`\bbest you can do on (the )?price\b`,
          r`\b(what'?s|what is) your best (price|offer|rate)\b`,
          r`\b(take it or leave it|meet (us )?in the middle|split the difference)\b`,
          r`\bknock\b[^.?!]{0,20}\boff\b`,
          r`\b(fee|price|cost|rate)s? drops?\b`,
          r`\b(beyond|outside|above|exceeds?|more than) (what|our)\b[^.?!]{0,30}\b(approve|afford|budget|spend)\b`,
          r`\b(shave|take)\b[^.?!]{0,30}\boff\b`,
          r`\bsharpen (the|your) (number|price|pencil|offer|quote)\b`,
          r`\b(priciest|most expensive|more expensive than)\b`,
          r`\bprice is the (only |main |last )?(blocker|issue|problem|sticking point|obstacle)\b`,
          r`\btalk (numbers|price|pricing)\b`,
          r`\bthen it'?s a yes\b`,
          // A condition on the price: "if the first month is free, we'll commit today".
          r`\bif\b[^.?!]{0,40}\b(free|cheaper|discount(ed)?|lower|waived?|off)\b[^.?!]{0,40}\bwe('ll| will)? (commit|sign|buy|go ahead|start)\b`,
          r`\bwe('ll| will) (commit|sign|go ahead)\b[^.?!]{0,40}\bif (you|the price|the fee)\b`,
          r`\b(bring|get|take) (it|this|that|the (price|proposal|quote|fee|cost|number|audit|project|setup)) down\b`,
        ],
        es: [
          r`\bsi (nos )?(lo )?(dej[aá]is|dejas|dejan|baj[aá]is|bajas|bajan|rebaj[aá]is|hac[eé]is|ajust[aá]is)\b`,
          r`\bsi igual[aá]is\b`,
          r`\b(nos )?ofrece(n)? lo mismo por\b`,
          r`\b(un )?(mejor precio|precio mejor)\b`,
          r`\bqu[eé] margen\b`,
          r`\bse nos va de presupuesto\b`,
          r`\bes (mucho|demasiado) para nosotros\b`,
          r`\bfuera de nuestro (alcance|presupuesto)\b`,
          r`\blo vemos caro\b`,
          r`\bcu[aá]nto (pod[eé]is|puedes|pueden) (ajustar|bajar|mejorar|rebajar)\b`,
          r`\b(el precio|la cuota|la tarifa|el importe)\b[^.?!]{0,20}\bbaj(e|ar|ara|éis)\b`,
          r`\bun \d{1,2}\s?% menos\b`,
          r`\bpod[eé]is (ajustar|bajar|rebajar) (la propuesta|el precio|el presupuesto|la cuota)\b`,
        ],
      },
    },
    // Sensitive data as categories, not a handful of words: a person decides before the agent touches it.
    "risk.health_data": {
      label: "health data (patients, diagnoses, medical records)",
      patterns: [r`\bHIPAA\b`, r`\bPHI\b`, r`\b(EHR|EMR)s?\b`],
      languages: {
        en: [
          r`\bpatients?'?s?\s+(histor(y|ies)|records?|data|files?|notes|charts?|results|lab results|test results|conditions?|information)\b`,
          r`\b(medical|clinical|health) (records?|histor(y|ies)|data|conditions?|information|notes|files?)\b`,
          r`\bdiagnos(es|ed)\b`,
          r`\b(previous|prior|medical|their|patients?'?) diagnosis\b`,
          r`\b(lab|test|blood) results\b`,
          r`\bsymptoms?\b`,
          r`\bmedications?\b`,
          r`\bprescriptions?\b`,
          r`\btreatment (plans?|histor(y|ies))\b`,
          r`\btherapy (history|sessions|notes)\b`,
          r`\bmedical (background|details|questions?)\b`,
        ],
        es: [
          r`\bhistorias? cl[ií]nicas?\b`,
          r`\bhistorial(es)? (m[eé]dicos?|cl[ií]nicos?)\b`,
          r`\bexpedientes? (m[eé]dicos?|cl[ií]nicos?)\b`,
          r`\bdiagn[oó]sticos\b`,
          r`\bdiagn[oó]stico (m[eé]dico|cl[ií]nico)\b`,
          r`\bs[ií]ntomas\b`,
          r`\bmedicaci[oó]n\b`,
          r`\brecetas? m[eé]dicas?\b`,
          r`\btratamientos? (m[eé]dicos?|de los pacientes)\b`,
          r`\bdatos (m[eé]dicos|de salud|cl[ií]nicos|sanitarios)\b`,
          r`\bresultados de (an[aá]lisis|laboratorio|pruebas)\b`,
          r`\b(antecedentes|informaci[oó]n|expedientes?) (m[eé]dic|cl[ií]nic|sanitari)\w*`,
        ],
      },
    },
    "risk.financial_data": {
      label: "financial data (bank accounts, income, credit)",
      patterns: [r`\bIBAN\b`, r`\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}\b`],
      languages: {
        en: [
          // "Account details" alone is a customer account: only a bank's counts.
          r`\bbank (statements?|details|account (numbers?|details))\b`,
          r`\b(bank|banking|checking|savings|current) accounts?\b`,
          r`\b(sort|routing) codes?\b`,
          r`\b(salary|payroll) (details|slips?|data|information)\b`,
          r`\b(payslips?|pay stubs?)\b`,
          r`\bcredit (score|history|report|rating)s?\b`,
          r`\b(annual|monthly) income\b`,
          r`\btax returns?\b`,
          r`\b(credit )?card numbers?\b`,
        ],
        es: [
          r`\bextractos? bancarios?\b`,
          r`\bn[oó]minas\b`,
          r`\bdatos bancarios\b`,
          r`\bn[uú]mero de (la )?cuenta\b`,
          r`\bcuenta bancaria\b`,
          r`\bdeclaraci[oó]n de la renta\b`,
          r`\bingresos (anuales|mensuales)\b`,
          r`\bhistorial crediticio\b`,
        ],
      },
    },
    "risk.identity_data": {
      label: "identity documents and numbers",
      patterns: [r`\bSSN\b`, r`\bDNI\b`, r`\bNIE\b`],
      languages: {
        en: [
          r`\bpassports?\b`,
          r`\bdates? of birth\b`,
          r`\bdriver'?s licen[cs]es?\b`,
          r`\bsocial security\b`,
          r`\bnational (id|identity|insurance)\b`,
          r`\bID (cards?|scans?|documents?|numbers?)\b`,
          r`\btax id\b`,
        ],
        es: [r`\bpasaportes?\b`, r`\bseguridad social\b`, r`\bfechas? de nacimiento\b`, r`\bcarn[eé] de conducir\b`, r`\bdocumentos? de identidad\b`],
      },
    },
    "risk.credentials": {
      label: "credentials (passwords, logins, API keys)",
      patterns: [r`\b(sk|pk|rk)_(live|test)_\w+`, r`\bxox[bp]-[\w-]+`],
      languages: {
        en: [
          r`\bpasswords?\b`,
          r`\bcredentials\b`,
          r`\b(login|access) (details|codes?)\b`,
          r`\badmin (access|account) (to|for|on) our\b`,
          r`\blog ?in details\b`,
          r`\b(admin|our|my) login\b`,
          r`\busername and password\b`,
          r`\bAPI (keys?|tokens?|secrets?)\b`,
          r`\baccess tokens?\b`,
        ],
        es: [
          r`\bcontraseñas?\b`,
          r`\bcredenciales\b`,
          r`\busuario y (la )?contraseña\b`,
          r`\b(token|clave) de (la )?API\b`,
          r`\b(usuario|user)\b[^.?!]{0,30}\b(clave|contraseña|password)\b`,
          r`\b(acceso|cuenta) de administrador\b`,
          r`\bdatos de acceso\b`,
        ],
      },
    },

    // No fit: polite filter.
    "noFit.job_seeker": {
      label: "job seeker",
      patterns: [],
      languages: {
        en: [
          r`\bjoin your team\b`,
          r`\bopen (positions|roles|vacancies)\b`,
          r`\bjob (opening|offer|application|opportunit)\w*`,
          r`\bapply(ing)? for (a|the) (job|position|role)\b`,
          r`\bmy (cv|resume|résumé)\b`,
          r`\binternships?\b`,
          r`\bare you hiring\b`,
        ],
        es: [r`\bvacantes?\b`, r`\bofertas? de (empleo|trabajo)\b`, r`\btrabajar con (ustedes|vosotros)\b`, r`\bmi (cv|curr[ií]culum)\b`],
      },
    },
    "noFit.student_research": {
      label: "student or research request",
      patterns: [],
      languages: {
        en: [
          r`\buniversity (project|assignment|course)\b`,
          r`\bthesis\b`,
          r`\bdissertation\b`,
          r`\b(short |quick )?survey\b`,
          r`\bresearch (project|paper|study)\b`,
          r`\bI'?m a student\b`,
          r`\bfor (my|a) (class|course|homework)\b`,
        ],
        es: [r`\btrabajo (de fin de grado|fin de máster|universitario)\b`, r`\b(TFG|TFM)\b`, r`\btesis\b`, r`\bencuesta\b`],
      },
    },
    "noFit.student_email": {
      label: "student email address",
      target: "email",
      patterns: [r`@(student|students|alumni|alumnos|estudiantes)\.`, r`\.edu(\.[a-z]{2})?$`, r`@[^@]*\.ac\.[a-z]{2}$`],
    },
    "noFit.vendor_pitch": {
      label: "vendor pitching us",
      patterns: [],
      languages: {
        // "We offer … services" alone is how buyers describe their own business too: offers count as
        // speech-act cues (offer.*), where it takes two to make a pitch.
        en: [
          r`\b(can|could) book\b[^.?!]{0,30}\bmeetings\b[^.?!]{0,30}\bfor (you|your team)\b`,
          r`\boutsourced (sdr|sales|lead generation)\b`,
          r`\bwould you be interested in our\b`,
          r`\bour (agency|company) (specializes|specialises) in\b`,
        ],
        es: [r`\bofrecemos (servicios|soluciones)\b`, r`\bnuestros servicios de\b`],
      },
    },
    "noFit.spam": {
      label: "spam",
      patterns: [],
      languages: {
        en: [
          r`\bclick (now|here)\b`,
          r`\bno prescription\b`,
          r`\bcheap (meds|pills|viagra)\b`,
          r`\bviagra\b`,
          r`\bcasino\b`,
          r`\bcrypto (giveaway|airdrop)\b`,
          r`\b\d{2}% off\b[^.?!]{0,30}\b(click|buy|order|shop)\b`,
          r`\b(click|buy|order|shop)\b[^.?!]{0,30}\b\d{2}% off\b`,
          r`\bbuy now\b`,
          r`\blimited time offer\b`,
          r`\bwinner\b[^.?!]{0,20}\bprize\b`,
        ],
        es: [r`\bhaz clic\b`, r`\bsin receta\b`],
      },
    },
    "personal.request": {
      label: "a consumer's personal request",
      patterns: [],
      languages: {
        en: [
          r`\bmy (phone|photos?|pictures|laptop|computer|pc|printer|wi-?fi|tv|television|tablet|ipad|iphone|grandson|granddaughter|grandchildren|wife|husband|kids?|son|daughter)\b`,
        ],
        es: [r`\bmi (tel[eé]fono|m[oó]vil|ordenador|port[aá]til|impresora|nieto|nieta|hijo|hija)\b`, r`\bmis fotos\b`],
      },
    },
    // The speech act of a seller: an offer to us (what they deliver, for our team, and the ask for a call).
    // Two of these make a vendor pitch (features.vendorPitch); a buyer describes their own problem instead.
    "offer.we_deliver": {
      label: "they offer to deliver something to us",
      patterns: [],
      languages: {
        en: [
          r`\bwe (can|could|will|'ll) (deliver|provide|bring|book|generate|put|get you|fill|send you|build|take care of|handle|extend|help you|help your|set up a trial|prepare)\b`,
          r`\bwe (help|partner with|work with) (agencies|consultancies|companies|businesses|firms|teams|founders|b2b)\b`,
          r`\bwe (offer|provide|sell|specialize in|specialise in)\b`,
          r`\bwe('re| are) an? [\w -]{0,40}\b(agency|firm|provider|vendor|studio|company)\b[^.?!]{0,40}\b(we|that|and) (can|help|offer|build|serve)`,
          r`\bI run an?\b[^.?!]{0,40}\band we offer\b`,
          r`\bwe (source|supply|place|recruit)\b`,
          r`\bwe (generate|drive|create|deliver|book|run)\b[^.?!]{0,40}\bfor (you|your|consultancies|companies|clients|agencies|businesses|b2b|firms|teams|brands)\b`,
          r`\b(like|want|happy|love) to offer you\b`,
        ],
        es: [
          r`\bpodemos (llevar|ofrecer|ofreceros|ayudaros|ayudarte|ayudarle|conseguir|posicionar|gestionar|preparar|traducir|encargarnos)\b`,
          r`\bayudamos a (empresas|consultoras|agencias|negocios|equipos)\b`,
          r`\bofrecemos\b`,
          r`\bgestionamos\b[^.?!]{0,40}\bde m[aá]s de\b`,
          r`\bcontamos con un equipo\b`,
          r`\b(le|te|os) escribo (para|porque) (ofrecer|presentar|ayudamos|contarte)`,
          r`\bsomos (una agencia|partners|una empresa de|un equipo de)\b`,
          r`\btraducimos\b`,
          r`\b(les|te|os) (ofrecemos|proponemos)\b`,
          r`\b(desarrollamos|creamos|diseñamos|generamos|gestionamos|vendemos|distribuimos)\b`,
          r`\btrabajo en una (agencia|empresa de|consultora de)\b`,
        ],
      },
    },
    "offer.your_benefit": {
      label: "the benefit is ours, in their words (your team, companies like yours)",
      patterns: [],
      languages: {
        en: [
          r`\b(to|for) your (sales )?(team|reps|company|business|calendar|brand|site|website)\b`,
          r`\b(on|into|in) your (calendar|crm)\b`,
          r`\blike yours\b`,
          r`\bextend your\b`,
          r`\byour (website|site|brand) (could|would|will|loads)\b`,
          r`\bsaves? (you|your)\b`,
          r`\byou only pay\b|\bor you don'?t pay\b`,
          r`\bwho handles\b[^.?!]{0,30}\bat your company\b`,
          r`\b(reach|listeners|audience)\b[^.?!]{0,20}\b\d+k?\b`,
          r`\byour competitors\b`,
          r`\bat a fraction of\b`,
          r`\b(can|could|will) show you\b`,
          r`\b(our )?clients (usually |typically |often )?(see|get|achieve)\b`,
          r`\b\d+x (more|faster|higher)\b`,
          r`\bis your (team|company|business|sales team) still\b`,
          r`\bbelow (list|market|retail) price\b`,
        ],
        es: [
          r`\b(a|para) (vuestro|tu|su) (equipo|empresa|negocio|web)\b`,
          r`\bcomo la (vuestra|tuya|suya)\b`,
          r`\bpara vosotros\b`,
          r`\bvuestra web\b`,
          r`\bos ahorra\b`,
          r`\b(sacar|saquéis) m[aá]s partido\b`,
          r`\bpara su equipo\b`,
          r`\baumenta (las|tus|vuestras|sus) (conversiones|ventas)\b`,
          r`\bvuestr[oa]s (comerciales|vendedores|clientes|equipos)\b`,
          r`\bvuestros competidores\b`,
        ],
      },
    },
    "offer.pitch_ask": {
      label: "they ask for a call or demo to show us their offer",
      patterns: [],
      languages: {
        en: [
          r`\bwould you be (open|interested)\b`,
          r`\bopen to a (quick )?(call|chat|demo)\b`,
          r`\bworth a (quick )?(\d+-minute )?(chat|call)\b`,
          r`\b(can|may|shall) I (send|share|show|set up)\b`,
          r`\blet me know if you'?d be open\b`,
          r`\bI'?d love to (show|give|share|walk)\b`,
          r`\b(free|quick) (trial|sample|audit|mockup|demo)\b`,
          r`\b\d+-minute (demo|call|chat)\b`,
          r`\bwant our (media kit|deck|brochure|rate card)\b`,
          r`\binterested in (a few|some) (cvs|profiles|samples)\b`,
          r`\bno long-term contract\b|\bcancel any ?time\b`,
          r`\bhappy to send( over)?\b`,
          r`\bcase studies\b`,
          r`\bdo you have (\d+|a few|a couple of) minutes\b`,
          r`\bwould a (short|quick|brief) (intro )?(call|chat) make sense\b`,
          r`\b(shall|should) we (set up|book|schedule) a (quick )?(call|demo|chat)\b`,
          r`\b(grab|spare|have) (\d+|a few) minutes\b`,
          r`\blet me know (a good time|when you'?re free|if you have time)\b`,
          r`\bour portfolio\b`,
        ],
        es: [
          r`\b¿?te (interesa|vendr[ií]a bien)\b`,
          r`\b¿?os (env[ií]o|preparo|interesa)\b`,
          r`\b¿?estar[ií]ais abiertos\b`,
          r`\bme gustar[ií]a (presentaros|presentarte|presentarle|mostraros|enseñaros)\b`,
          r`\bsin compromiso\b`,
          r`\bsin permanencia\b`,
          r`\b¿?agendamos\b`,
          r`\bnos encantar[ií]a prepararte\b`,
          r`\bmuestra gratuita\b`,
          r`\bprecio muy competitivo\b`,
          r`¿hablamos\b`,
          r`\btienes (\d+|unos) minutos\b`,
          r`\bos puedo (enviar|mandar|pasar|enseñar)\b`,
          r`\bnuestro portfolio\b`,
          r`\bcasos de [eé]xito\b`,
        ],
      },
    },
    "offer.our_product": {
      label: "they describe their own product or team",
      patterns: [],
      languages: {
        en: [
          r`\bour ([\w-]+ ){0,3}(tool|platform|software|app|solution|product|api|packages|specialists|developers|podcast)\b`,
          r`\bour (agency|services|nearshore team)\b`,
          r`\bwe('ve| have) (built|helped|developed)\b`,
          r`\bhave helped \d+\+? (startups|companies|clients|firms|agencies|brands|businesses)\b`,
          r`\b(verified|b2b) contact lists\b`,
          r`\bdecision-maker emails\b`,
          r`\bper (meeting|appointment) (held|booked)\b`,
          r`\bsponsored (episodes|posts|content)\b`,
          r`\bon autopilot\b`,
          r`\bI lead (partnerships|business development|growth) at\b`,
          r`\bI'?m an? (account executive|sdr|bdr|business development (rep|representative|manager)|partnerships? manager) (at|with|from)\b`,
          r`\blists? of \d[\d,.]* (companies|contacts|leads|decision-makers)\b`,
        ],
        es: [
          r`\bnuestr[oa]s? (herramienta|software|plataforma|servicios|soluci[oó]n|producto|agencia)\b`,
          r`\bbases de datos de contactos\b`,
          r`\bya lo usan\b`,
          r`\bdesde \d+ ?€ ?/ ?hora\b`,
          r`\bplan de contenidos\b`,
          r`\btenemos una soluci[oó]n\b`,
          r`\bnuestro equipo de\b`,
          r`\b(listado|lista|base de datos) de \d[\d.,]* (empresas|contactos)\b`,
        ],
      },
    },

    // The speech act of a buyer: a need of their own ("we want an AI agent", "our leads sit in HubSpot").
    // It outweighs two offer cues: a buyer may describe their business or ask for 15 minutes too.
    "need.own": {
      label: "they state a need of their own",
      patterns: [],
      languages: {
        en: [
          r`\b(we|I) (need|want|are looking for|'re looking for|would like|'d like|require)\b(?! to (help|show|offer|introduce|present|share|partner|connect with you|work with you|reach))`,
          r`\bour (own )?(leads|inbound|forms?|pipeline|sales team|crm|reps|demo requests|signups)\b[^.?!]{0,40}\b(are|is|get|go|sit|need|needs|don'?t|aren'?t|waste|land|come)\b`,
          r`\b(and|but|so) (need|want|would like|are looking for)\b(?! to (help|show|offer|introduce|present|share|partner))`,
        ],
        es: [
          r`\b(necesitamos|necesito|queremos|quiero|buscamos|quisi[eé]ramos|nos gustar[ií]a)\b(?! (ayudar|ofrecer|ofreceros|presentar|presentaros|mostrar|enseñar|colaborar con))`,
          r`\bnuestros (leads|formularios|comerciales)\b[^.?!]{0,40}\b(no|llegan|se pierden|tardan|est[aá]n)\b`,
        ],
      },
    },

    // A consumer's personal life: with no business behind the lead, not a sales lead.
    "personal.life": {
      label: "a personal-life matter (home, family, own devices or accounts)",
      patterns: [],
      languages: {
        en: [
          r`\bmy (own )?(inbox|email account|bank|card|laptop|computer|wifi|wi-fi|tv|smart tv|printer|tablet|iphone|phone|music|instagram|facebook|netflix|gym|membership|landlord|flat|apartment|house|home|car|parents|mum|mom|dad|mother|father|daughter|son|kids|children|wife|husband|wedding|electricity bill|bill)\b`,
          r`\b(at|from) home\b[^.?!]{0,30}\b(wifi|wi-fi|printer|tv|laptop|computer)\b`,
          r`\b(wifi|wi-fi|printer|tv|laptop|computer)\b[^.?!]{0,30}\bat home\b`,
          r`\bmy (son|daughter)'s\b`,
          r`\bmy (credit |debit )?card( details)?\b`,
          r`\b(inbox|email|mailbox) (is )?full of spam\b`,
          r`\bfor my (parents|mum|mom|dad|kids|family)\b`,
        ],
        es: [
          r`\bmi (ordenador|port[aá]til|m[oó]vil|tel[eé]fono|banco|tarjeta|correo|casa|piso|hijo|hija|madre|padre|marido|mujer|wifi|pantalla|compañ[ií]a de tel[eé]fono|cumpleaños|boda)\b`,
          r`\bde casa\b`,
          r`\bmis (fotos|hijos|padres)\b`,
          r`\bde mi (madre|padre|hijo|hija|familia)\b`,
          r`\bme ha cobrado\b`,
          r`\b(correo|buz[oó]n)( de entrada)? lleno de spam\b`,
          r`\bse me ha roto\b`,
        ],
      },
    },

    // The lead writes about our own service: a customer of ours, whatever their mailbox.
    "customer.our_service": {
      label: "they write about our service (our agent, integration, invoice)",
      patterns: [],
      languages: {
        en: [r`\byour (agent|integration|bot|chatbot|service|product|platform|invoice|system|sync|setup|team)\b`],
        es: [r`\bvuestr[oa]s? (agente|integraci[oó]n|bot|servicio|producto|plataforma|factura|sistema|equipo)\b`],
      },
    },

    // Promotional spam: cues that count toward a score (features.spamLead), none decisive alone.
    "spam.money_promise": {
      label: "promises of money (guaranteed returns, earn from home)",
      patterns: [r`\$\$+`],
      languages: {
        en: [
          r`\bguaranteed (returns?|profits?|income)\b`,
          r`\b(returns?|profits?) guaranteed\b`,
          r`\b\d+% (monthly|weekly|daily) returns?\b`,
          r`\bdouble your (money|bitcoin|investment|crypto)\b`,
          r`\b(make|earn)\b[^.?!]{0,20}\b(a|per|every) (week|day|month)\b[^.?!]{0,20}\bfrom home\b`,
          r`\bwork from home and earn\b`,
          r`\bget rich\b`,
          r`\binheritance\b`,
          r`\btransfer the funds\b`,
          r`\b100% (guaranteed|safe|free)\b`,
        ],
        es: [
          r`\brentabilidad garantizada\b`,
          r`\bbeneficio garantizado\b`,
          r`\bduplica tu dinero\b`,
          r`\bgana\b[^.?!]{0,20}\b(al mes|a la semana|al d[ií]a)\b`,
          r`\bdesde casa sin\b`,
          r`\bpr[eé]stamos r[aá]pidos\b`,
          r`\bsin aval\b`,
        ],
      },
    },
    "spam.gambling_crypto": {
      label: "casino, betting, crypto or forex",
      patterns: [],
      languages: {
        en: [
          r`\bcasino\b`,
          r`\bcrypto(currency)? (token|coin|giveaway|airdrop)\b`,
          r`\bnew crypto\b`,
          r`\bbitcoin\b`,
          r`\bforex\b`,
          r`\bbetting\b`,
          r`\bfree spins\b`,
          r`\bfirst deposit\b`,
        ],
        es: [r`\bcasino\b`, r`\bcriptomonedas?\b`, r`\bapuestas\b`, r`\bgiros gratis\b`, r`\bprimer dep[oó]sito\b`],
      },
    },
    "spam.followers_backlinks": {
      label: "followers, likes or backlinks for sale",
      patterns: [],
      languages: {
        en: [
          r`\b\d+k?\s+(real |instagram |tiktok )?(followers|likes|views)\b`,
          r`\bbacklinks?\b`,
          r`\bguest posts?\b`,
          r`\bhigh DA\b`,
          r`\bboost your (google )?ranking\b`,
        ],
        es: [r`\bseguidores\b`, r`\bbacklinks?\b`, r`\benlaces de calidad\b`, r`\bsubir tu web en google\b`],
      },
    },
    "spam.cheap": {
      label: "a price hook (cheap, replicas, % off, only $9.99)",
      patterns: [r`\b\d{2}% off\b`, r`\bonly [$€£]\s?\d`, r`\bpor solo \d`],
      languages: {
        en: [r`\bcheap\b`, r`\breplicas?\b`, r`\bone weird trick\b`],
        es: [r`\bbarat[oa]s\b`, r`\br[eé]plicas\b`, r`\bdesde \d+ ?€\b`, r`\b\d{2}% de descuento\b`],
      },
    },
    "spam.call_to_action": {
      label: "a pushy call to action (buy now, limited stock, claim it)",
      patterns: [],
      languages: {
        en: [
          r`\bbuy now\b`,
          r`\border (today|now)\b`,
          r`\blimited (stock|time)\b`,
          r`\bplay now\b`,
          r`\bsign up free\b`,
          r`\bfast delivery\b`,
          r`\bjoin the vip\b`,
          r`\bclaim (your|it|now)\b`,
          r`\bclick (the link|now|here)\b`,
        ],
        es: [
          r`\bcompra (ahora|ya)\b`,
          r`\bunidades limitadas\b`,
          r`\bjuega ya\b`,
          r`\bp[ií]delo ya\b`,
          r`\bentrega inmediata\b`,
          r`\brecl[aá]malo\b`,
          r`\bhaz clic\b`,
        ],
      },
    },
    "spam.prize": {
      label: "a prize or selection announcement",
      patterns: [r`!{3,}`, r`¡{2,}`],
      languages: {
        en: [r`\bcongratulations\b`, r`\byou have been selected\b`, r`\byou('ve| have) won\b`, r`\bfree iphone\b`, r`\bwinner\b`, r`\bdear friend\b`],
        es: [r`\benhorabuena\b`, r`\bhas ganado\b`, r`\bhas sido seleccionad[oa]\b`],
      },
    },

    "outOfScope.service": {
      label: "a service we do not offer",
      patterns: [],
      languages: {
        en: [
          r`\b(web |website )?hosting\b`,
          r`\blogo( design)?\b`,
          r`\bSEO\b`,
          r`\bweb ?design\b`,
          r`\bbuild (a|our|my) (web ?site|app)\b`,
          r`\bsocial media (management|posts)\b`,
          r`\b(manage|run|handle|post on)\b[^.?!]{0,20}\b(instagram|facebook|tiktok|social media)\b`,
          r`\b(instagram|facebook|tiktok) (posts|account|page)\b`,
          r`\bdomain name\b`,
          r`\bprint(ing)? (flyers|business cards)\b`,
        ],
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
        en: [
          r`\bqualif(y|ies|ying|ied|ication)\b`,
          r`\bunqualified\b`,
          r`\blead scoring\b`,
          r`\b(inbound|web|website|form) leads\b`,
          r`\bsignups?\b`,
          r`\bleads\b`,
          r`\b(sales|inbound|web|demo|quote) (inquiries|enquiries|requests)\b`,
        ],
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
    "scope.handoff": {
      label: "handoff to sales",
      patterns: [],
      languages: {
        en: [r`\bhand(s|ing)? (them |the good ones |it )?(off |over )?to sales\b`, r`\bhand-?offs?\b`],
        es: [r`\bderiv\w* a ventas\b`, r`\bpase a ventas\b`],
      },
    },
    "scope.ai_agent": {
      label: "AI sales agent",
      patterns: [],
      languages: {
        en: [
          r`\bAI (sales )?(agent|assistant|chatbot|bot)s?\b`,
          r`\b(chat|sales|virtual|voice|booking|qualification) (agent|assistant)s?\b`,
          r`\bchat ?bots?\b`,
          r`\bbots?\b`,
          r`\bqualification agent\b`,
        ],
        es: [r`\bagentes? de (IA|inteligencia artificial)\b`, r`\basistente (de IA|virtual)\b`],
      },
    },
    "scope.automation": {
      label: "automation of sales follow-up",
      patterns: [],
      languages: {
        en: [r`\bautomat\w*`, r`\bfollow-?ups?\b`, r`\bbook(ing)? (a )?(call|demo|meetings?)\b`],
        es: [r`\bautomatiz\w*`, r`\bseguimiento\b`],
      },
    },

    // Offer exceptions: in scope, outside the standard offer.
    "exception.white_label": {
      label: "white-label or reseller",
      patterns: [],
      languages: {
        en: [
          r`\bwhite[- ]?label\w*`,
          r`\bresell\w*`,
          r`\bunder (our|their) own brand\b`,
          r`\bour own branding\b`,
          r`\b(partner|reseller|referral|agency) program(me)?\b`,
          r`\boffer your\b[^.?!]{0,40}\bto our (clients|customers)\b`,
        ],
        es: [
          r`\bmarca blanca\b`,
          r`\brevend\w*`,
          r`\b(bajo|con) nuestra (propia )?marca\b`,
          r`\bprograma de (partners|socios|afiliados|distribuidores)\b`,
          r`\bofrecer vuestr[oa]\b[^.?!]{0,40}\ba nuestros clientes\b`,
        ],
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
      patterns: [
        r`\b(Microsoft )?Dynamics( 365)?\b`,
        r`\bZoho( CRM)?\b`,
        r`\bOdoo\b`,
        r`\bSugarCRM\b`,
        r`\bFreshsales\b`,
        r`\bSAP (CRM|C4C|Sales Cloud)\b`,
        r`\bInsightly\b`,
        r`\bCopper CRM\b`,
        r`\bMonday (CRM|sales)\b`,
        r`\bBitrix24\b`,
        r`\bKeap\b`,
      ],
    },
    "exception.unsupported_language": {
      label: "a language or market we do not serve",
      patterns: [],
      languages: {
        en: [
          r`\b(in|speaks?|speaking) (German|French|Italian|Portuguese|Dutch|Japanese|Chinese|Mandarin|Korean|Arabic|Russian|Polish|Turkish|Swedish|Norwegian|Danish|Finnish)\b`,
          r`\b(German|French|Italian|Portuguese|Dutch|Japanese|Chinese|Arabic)[- ]speaking\b`,
        ],
        es: [r`\ben (alem[aá]n|franc[eé]s|italiano|portugu[eé]s|japon[eé]s|chino|[aá]rabe)\b`],
      },
    },

    // Ambiguity: several unrelated needs or no clear objective.
    "ambiguity.unclear_objective": {
      label: "several needs or no clear objective",
      patterns: [],
      languages: {
        en: [
          r`\bopen to (ideas|suggestions|anything)\b`,
          r`\bnot sure (what|which|if|whether|where|how)\b`,
          r`\bwhere to start\b`,
          r`\b(several|a few|a couple of|many) (different )?things\b`,
          r`\b(haven't|have not|not yet) decided\b`,
          r`\bor maybe\b`,
          r`\bmight need\b[^.?!]*\bor\b`,
          r`\bwhatever you (think|recommend|suggest)\b`,
          r`\bexploring (options|possibilities)\b`,
        ],
        es: [
          r`\bno (hemos decidido|sabemos por d[oó]nde empezar)\b`,
          r`\bvarias cosas\b`,
          r`\bno (lo )?tenemos claro\b`,
          r`\babiertos a (ideas|propuestas)\b`,
          r`\bno sé (si|qué)\b`,
          r`\bo quiz[aá]s\b`,
        ],
      },
    },

    // The lead asks for a person. No rule decides on it (the contract's rules decide as for any lead);
    // the chat reads it to hand the conversation to a person at once instead of asking more questions.
    "request.person": {
      label: "asks to talk to a person",
      patterns: [],
      languages: {
        en: [
          r`\b(talk|speak|chat)(ing)?\s+(to|with)\s+(a\s+|an\s+|some\s+)?(real\s+|actual\s+|live\s+)?(human( being)?|person|someone|somebody|agent|rep|representative|sales ?(person|rep|team)|member of (your|the) (sales )?team)\b(?!\s+(that|who|which)\b)`,
          r`\b(want|need|prefer|like|get|give me|put me through to|transfer me to)\b[^.?!]{0,12}\b(a |an )?(real|actual|live) (human|person|agent)\b`,
          r`\b(connect|put|transfer|pass) me (through )?(to|with)\b[^.?!]{0,25}\b(human|person|someone|somebody|agent|rep|representative|sales|team)\b`,
          r`\b(human|person|agent|operator|representative),? please\b`,
          r`\b(a |an )?(real|actual|live) (human|person)\b[^.?!]{0,10}\b(please|now|here)\b`,
          r`\b(is there|are there) (a |an )?(real |actual )?(human|person|someone|anybody|anyone)\b[^.?!]{0,20}\b(i can|to) (talk|speak|chat)\b`,
        ],
        es: [
          r`\b(hablar|habla|hablo|chatear|comunicarme|contactar)\s+con\s+(una\s+|un\s+)?(persona|humano|agente|asesor|comercial|vendedor|representante|alguien)\b(?!\s+(que)\b)`,
          r`\b(agente|persona|asesor|operador)\s+(humano|real|de verdad)\b`,
          r`\b(un|una|algún|alg[uú]n) (ser )?humano\b`,
          r`\b(p[aá]same|ponme|comun[ií]came|con[eé]ctame|p[aá]sa(me|nos)?)\s+con\s+(una\s+|un\s+|el\s+|alguien|ventas|comercial)`,
        ],
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
        en: [
          r`\bignore (all |your |the )?(previous |prior )?(rules|instructions)\b`,
          r`\bnew instructions\b`,
          r`\byou must (escalate|approve|mark)\b`,
          r`\bapprove (all|everything)\b`,
          r`\bmark me (as )?(converted|immediate|high value)\b`,
          r`\b(print|show|reveal|repeat) (me )?your (system )?(prompt|instructions)\b`,
          r`^\s*system:`,
        ],
        es: [r`\bignora (tus|las) (reglas|instrucciones)\b`, r`\bm[aá]rcame como\b`],
      },
    },
  },
  features: {
    // A seller's pitch: two of the speech-act cues of an offer to us (three when they also state a need
    // of their own), or an explicit vendor phrase.
    // A need of their own outweighs two cues, not three.
    vendorPitch: {
      any: [
        "noFit.vendor_pitch",
        { all: [{ atLeast: 2, of: ["offer.we_deliver", "offer.your_benefit", "offer.pitch_ask", "offer.our_product"] }, { not: "need.own" }] },
        { atLeast: 3, of: ["offer.we_deliver", "offer.your_benefit", "offer.pitch_ask", "offer.our_product"] },
      ],
    },
    // Promotional spam: an explicit spam phrase, or two cues (shouting counts) from a lead that names no company.
    spamLead: {
      any: [
        "noFit.spam",
        {
          all: [
            {
              atLeast: 2,
              of: ["shouting", "spam.money_promise", "spam.gambling_crypto", "spam.followers_backlinks", "spam.cheap", "spam.call_to_action", "spam.prize"],
            },
            { not: "companyStated" },
          ],
        },
      ],
    },
    // A consumer: personal-life matters and no business behind the lead (no company, a personal mailbox
    // or none), and not a complaint about our own service (a customer's complaint is a risk).
    consumerRequest: { all: ["personal", { not: "business" }, { not: "customer" }] },
    // Not a buyer at all: their risk words ("no contract", "20% off", "cancel my gym") are not a risk to us.
    notABuyer: { any: ["vendorPitch", "spamLead", "consumerRequest"] },
    noFitLead: { any: ["noFit", "notABuyer", { all: ["outOfScope", { not: "scope" }] }] },
    fit: { all: ["business", "scope", { not: "notABuyer" }] },
    highValue: { all: ["fit", "volume"] },
    urgent: { any: ["urgentTimeline", "urgency"] },
    offerException: { all: ["exception", { any: ["business", "scope"] }] },
    relevantAmbiguity: { all: ["business", "ambiguity"] },
  },
  rules: [
    {
      id: "default.filter.no_fit",
      description:
        "A no-fit signal and no risk signal: filter politely. A vendor pitch, spam or a consumer's request filters even with risk words in it: they are not a buyer's terms.",
      when: { any: ["notABuyer", { all: ["noFitLead", { not: "risk" }] }] },
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
