import type { Country } from "./country";

// Companies (invented). `crm` is what they run today; archetypes only name it when the lead does.

export type CompanyDef = { name: string; domain: string; industry: string; country: Country; employees: number; crm: string; sector?: string };

const companyDefs = {
  harbourline: { name: "Harbourline Freight", domain: "harbourlinefreight.co.uk", industry: "logistics", country: "GB", employees: 140, crm: "HubSpot" },
  alvear: { name: "Grupo Alvear Distribución", domain: "alveardistribucion.es", industry: "wholesale distribution", sector: "distribución mayorista", country: "ES", employees: 85, crm: "Pipedrive" },
  brightwater: { name: "Brightwater Analytics", domain: "brightwater-analytics.nl", industry: "B2B software", country: "NL", employees: 60, crm: "HubSpot" },
  cobalt: { name: "Cobalt Facility Services", domain: "cobaltfacilities.fr", industry: "facility services", country: "FR", employees: 210, crm: "Salesforce" },
  fernhill: { name: "Fernhill Software", domain: "fernhillsoftware.ie", industry: "B2B software", country: "IE", employees: 45, crm: "HubSpot" },
  nubalia: { name: "Nubalia Cloud", domain: "nubalia.es", industry: "IT services", sector: "servicios cloud", country: "ES", employees: 38, crm: "Pipedrive" },
  atlantico: { name: "Atlântico Physio Group", domain: "atlanticophysio.pt", industry: "healthcare", country: "PT", employees: 95, crm: "spreadsheets" },
  kranich: { name: "Kranich Solar", domain: "kranich-solar.de", industry: "solar installation", country: "DE", employees: 120, crm: "HubSpot" },
  vettore: { name: "Vettore Robotics", domain: "vettorerobotics.it", industry: "industrial automation", country: "IT", employees: 75, crm: "Salesforce" },
  penrose: { name: "Penrose Recruitment", domain: "penroserecruitment.co.uk", industry: "recruitment", country: "GB", employees: 70, crm: "Pipedrive" },
  nordlys: { name: "Nordlys Insurance Brokers", domain: "nordlys-brokers.dk", industry: "insurance brokerage", country: "DK", employees: 180, crm: "Salesforce" },
  hostelia: { name: "Hostelia Suministros", domain: "hostelia.es", industry: "hospitality supplies", sector: "suministros para hostelería", country: "ES", employees: 130, crm: "HubSpot" },
  copperleaf: { name: "Copperleaf Payments", domain: "copperleafpay.co.uk", industry: "payments", country: "GB", employees: 50, crm: "HubSpot" },
  meridian: { name: "Meridian HR Software", domain: "meridianhr.nl", industry: "HR software", country: "NL", employees: 160, crm: "HubSpot" },
  foxglove: { name: "Foxglove Digital", domain: "foxglovedigital.co.uk", industry: "growth agency", country: "GB", employees: 25, crm: "HubSpot" },
  clearpath: { name: "Clearpath Training", domain: "clearpathtraining.ie", industry: "corporate training", country: "IE", employees: 40, crm: "spreadsheets" },
  marin: { name: "Textiles Marín", domain: "textilesmarin.es", industry: "textile manufacturing", sector: "fabricación textil", country: "ES", employees: 90, crm: "Odoo" },
  auerbach: { name: "Auerbach Industrial Sensors", domain: "auerbach-sensors.de", industry: "industrial sensors", country: "DE", employees: 230, crm: "Pipedrive" },
  alpenblick: { name: "Alpenblick Reisen", domain: "alpenblick-reisen.at", industry: "business travel", country: "AT", employees: 65, crm: "HubSpot" },
  brabant: { name: "Brabant Office Solutions", domain: "brabantoffice.be", industry: "office equipment", country: "BE", employees: 110, crm: "Pipedrive" },
  costaserena: { name: "Inmobiliaria Costa Serena", domain: "costaserena.es", industry: "real estate", sector: "inmobiliaria", country: "ES", employees: 35, crm: "spreadsheets" },
  kvarnberg: { name: "Kvarnberg Software", domain: "kvarnberg.se", industry: "B2B software", country: "SE", employees: 150, crm: "HubSpot" },
  orfeo: { name: "Orféo Télécom", domain: "orfeo-telecom.fr", industry: "telecoms", country: "FR", employees: 260, crm: "Salesforce" },
  lexa: { name: "Academia Lexa", domain: "academialexa.es", industry: "corporate training", sector: "formación para empresas", country: "ES", employees: 70, crm: "HubSpot" },
  impulsa: { name: "Impulsa Growth Partners", domain: "impulsagrowth.es", industry: "marketing agency", sector: "agencia de marketing", country: "ES", employees: 30, crm: "HubSpot" },
  solaris: { name: "Solaris Energia", domain: "solarisenergia.pt", industry: "solar installation", country: "PT", employees: 60, crm: "HubSpot" },
  ferrante: { name: "Ferrante Arredamenti", domain: "ferrantearredo.it", industry: "furniture manufacturing", country: "IT", employees: 80, crm: "Zoho CRM" },
  ribera: { name: "Transportes Ribera", domain: "transportesribera.es", industry: "road transport", sector: "transporte por carretera", country: "ES", employees: 45, crm: "spreadsheets" },
  vandijk: { name: "Van Dijk Installatietechniek", domain: "vandijk-installatie.nl", industry: "building services", country: "NL", employees: 55, crm: "spreadsheets" },
  thistle: { name: "Thistle & Co Accountants", domain: "thistleaccountants.co.uk", industry: "accounting", country: "GB", employees: 30, crm: "spreadsheets" },
  hoffmann: { name: "Hoffmann Gebäudetechnik", domain: "hoffmann-gt.de", industry: "building services", country: "DE", employees: 75, crm: "Pipedrive" },
  ridgeline: { name: "Ridgeline Home Services", domain: "ridgelinehomeservices.com", industry: "home services", country: "US", employees: 320, crm: "Salesforce" },
  parcelwise: { name: "Parcelwise", domain: "parcelwise.io", industry: "logistics software", country: "US", employees: 48, crm: "HubSpot" },
  mapleledger: { name: "Maple Ledger", domain: "mapleledger.ca", industry: "accounting software", country: "CA", employees: 90, crm: "Salesforce" },
  tandem: { name: "Tandem Health Staffing", domain: "tandemstaffing.com", industry: "healthcare staffing", country: "US", employees: 150, crm: "Pipedrive" },
  sentryridge: { name: "Sentry Ridge Security", domain: "sentryridge.com", industry: "cybersecurity", country: "US", employees: 400, crm: "Salesforce" },
  sierramadre: { name: "Grupo Industrial Sierra Madre", domain: "gisierramadre.com.mx", industry: "industrial supplies", sector: "suministros industriales", country: "MX", employees: 220, crm: "HubSpot" },
  summitpeak: { name: "Summit Peak Solar", domain: "summitpeaksolar.com", industry: "solar installation", country: "US", employees: 130, crm: "HubSpot" },
  lattice: { name: "Lattice Learning", domain: "latticelearning.com", industry: "education software", country: "US", employees: 85, crm: "HubSpot" },
  vilanova: { name: "Vila Nova Cosméticos", domain: "vilanovacosmeticos.com.br", industry: "cosmetics distribution", country: "BR", employees: 140, crm: "Pipedrive" },
  northernarc: { name: "Northern Arc Engineering", domain: "northernarc.ca", industry: "engineering services", country: "CA", employees: 60, crm: "Pipedrive" },
  brightside: { name: "Brightside Dental Group", domain: "brightsidedental.com", industry: "dental clinics", country: "US", employees: 200, crm: "spreadsheets" },
  anchorpoint: { name: "Anchor Point Insurance", domain: "anchorpointins.com", industry: "insurance agency", country: "US", employees: 35, crm: "HubSpot" },
  loopstudio: { name: "Loop Studio", domain: "loopstudio.co", industry: "marketing agency", country: "US", employees: 18, crm: "HubSpot" },
  andescargo: { name: "Andes Cargo Logistics", domain: "andescargo.co", industry: "freight forwarding", country: "CO", employees: 75, crm: "HubSpot" },
  greenway: { name: "Greenway Property Management", domain: "greenwaypm.com", industry: "property management", country: "US", employees: 50, crm: "spreadsheets" },
  lakeshore: { name: "Lakeshore Windows & Doors", domain: "lakeshorewindows.ca", industry: "home improvement", country: "CA", employees: 45, crm: "spreadsheets" },
  bluemesa: { name: "Blue Mesa Analytics", domain: "bluemesa-analytics.com", industry: "data consultancy", country: "US", employees: 22, crm: "HubSpot" },
  albion: { name: "Albion Mutual", domain: "albionmutual.co.uk", industry: "insurance", country: "GB", employees: 2400, crm: "Salesforce" },
  meridia: { name: "Grupo Meridia Hoteles", domain: "meridiahoteles.com", industry: "hotel group", sector: "hotelería", country: "ES", employees: 1800, crm: "Salesforce" },
  kingsbridge: { name: "Kingsbridge Clinics", domain: "kingsbridgeclinics.co.uk", industry: "private healthcare", country: "GB", employees: 650, crm: "HubSpot" },
  brenner: { name: "Brenner Industrietechnik", domain: "brenner-industrie.de", industry: "industrial equipment", country: "DE", employees: 900, crm: "Salesforce" },
  oranje: { name: "Oranje Logistics Group", domain: "oranjelogistics.nl", industry: "logistics", country: "NL", employees: 1200, crm: "Salesforce" },
  thamesgate: { name: "Thamesgate Bank", domain: "thamesgatebank.co.uk", industry: "banking", country: "GB", employees: 1500, crm: "Salesforce" },
  cascadia: { name: "Cascadia Software Group", domain: "cascadiasoftware.com", industry: "enterprise software", country: "US", employees: 3000, crm: "Salesforce" },
  rivoli: { name: "Groupe Rivoli Media", domain: "rivoli-media.fr", industry: "agency network", country: "FR", employees: 700, crm: "HubSpot" },
  hanseatic: { name: "Hanseatic Equipment Leasing", domain: "hanseatic-leasing.de", industry: "equipment leasing", country: "DE", employees: 450, crm: "HubSpot" },
  suedwerk: { name: "Südwerk Versicherung", domain: "suedwerk-versicherung.de", industry: "insurance", country: "DE", employees: 1100, crm: "Salesforce" },
  pennant: { name: "Pennant Retail Group", domain: "pennantretail.co.uk", industry: "retail", country: "GB", employees: 2600, crm: "Microsoft Dynamics 365" },
  vauban: { name: "Vauban Énergie", domain: "vauban-energie.fr", industry: "energy", country: "FR", employees: 800, crm: "Salesforce" },
  stirling: { name: "Stirling Systems", domain: "stirlingsystems.co.uk", industry: "IT services", country: "GB", employees: 350, crm: "HubSpot" },
  adler: { name: "Adler Facility Group", domain: "adler-facility.de", industry: "facility management", country: "DE", employees: 1300, crm: "spreadsheets" },
} satisfies Record<string, CompanyDef>;

export type CompanyKey = keyof typeof companyDefs;
export const companyByKey: Record<CompanyKey, CompanyDef> = companyDefs;

/** HubSpot's headcount bands, as forms post them and as the companies table stores them. */
export function sizeBand(employees: number): string {
  if (employees <= 10) return "1-10";
  if (employees <= 50) return "11-50";
  if (employees <= 200) return "51-200";
  if (employees <= 500) return "201-500";
  if (employees <= 1000) return "501-1000";
  return "1000+";
}
