// The categoriser's cues (syntax in internal/categorize_cues.h; weights and the
// rules that use them in diff/README.md, "Categories"). Written by us: each
// cue states a practice (an actor and a verb, a right, a duration) rather than
// mentioning a word. Conventions (OPP-115): cookies and tracking by us are
// first-party-collection, by advertisers or other companies third-party-sharing;
// do-not-track is only Do Not Track / Global Privacy Control signals; links to
// other sites whose practices apply there are third-party-sharing; contact
// details, introductions and definitions are "other".
#include "diff/internal/categorize_cues.h"

namespace pw::diff {
namespace {

constexpr std::string_view kFirst = "first-party-collection";
constexpr std::string_view kShare = "third-party-sharing";
constexpr std::string_view kChoice = "user-choice";
constexpr std::string_view kAccess = "user-access";
constexpr std::string_view kRetention = "data-retention";
constexpr std::string_view kSecurity = "data-security";
constexpr std::string_view kChange = "policy-change";
constexpr std::string_view kDnt = "do-not-track";
constexpr std::string_view kIntl = "international-audiences";
constexpr std::string_view kSpecific = "specific-audiences";
constexpr std::string_view kEligibility = "eligibility";
constexpr std::string_view kArbitration = "arbitration";
constexpr std::string_view kLiability = "liability";
constexpr std::string_view kTermination = "termination";
constexpr std::string_view kLaw = "governing-law";
constexpr std::string_view kLicence = "content-licence";
constexpr std::string_view kFees = "fees";
constexpr std::string_view kUse = "acceptable-use";
constexpr std::string_view kOther = "other";

// ---- English ----

constexpr CueSet kEnSets[] = {
    {"we", "we|the company"},
    {"you", "you|users|user"},
    {"tp",
     "third part*|third parties|other companies|advertis*|ad network*|ad partner*|partner*|"
     "service provider*|vendor*|supplier*|contractor*|affiliate*|subsidiar*|"
     "analytics provider*|analytics service*|google|facebook|meta|social media|social network*|"
     "plugin*|plug ins|law enforcement|government*|authorities|regulators|buyer*|purchaser*|"
     "acquirer*|successor*|processor*|subprocessor*|sub processors|data broker*|"
     "these companies|such companies|these third parties|such third parties|those third parties|"
     "other websites|other sites|these websites|these sites|those websites|those sites|"
     "sponsor*|merchants|retailers|business partners|external websites|third party websites"},
    {"info",
     "information|info|data|details|content|cookies|identifiers|it|them|this|such information|"
     "your name|email address*|ip address*|location|device|usage"},
    {"collect", "collect*|gather*|obtain*|acquire*"},
    {"share",
     "share|shares|shared|sharing|sell|sells|sold|selling|disclose|discloses|disclosed|"
     "disclosing|rent|rents|rented|renting|trade|lease|release|transfer|transfers|"
     "transferred|distribute"},
    {"region",
     "california|european union|eu|eea|european economic area|europe|uk|united kingdom|"
     "switzerland|canada|brazil|australia|japan|china|korea|india|nevada|virginia|colorado|"
     "connecticut|utah|texas|oregon|quebec|singapore|the united states|the european union|"
     "the eea|the uk|the european economic area|the united kingdom"},
};

constexpr Cue kEnBody[] = {
    // first-party collection and use
    {kFirst, 3, "@we ~3 @collect"},
    {kFirst, 2, "@we ~3 receive*|record*|log|logs|logged|track|tracks|monitor*"},
    {kFirst, 3, "@we ~3 use|uses|process|processes|analyze|analyse ~4 @info"},
    {kFirst, 3,
     "@we ~3 use|process ~6 to|for ~3 provide|improve|personali*|operate|communicate|send|"
     "analy*|understand|develop|market*|deliver|customi*|respond|fulfil*|prevent|detect"},
    {kFirst, 2, "@info ~4 is|are|be ~2 collected|gathered|obtained|processed|used|logged"},
    {kFirst, 2, "collection|collecting|processing|use ~3 of ~3 @info"},
    {kFirst, 2, "@you ~3 provide|give|submit|enter ~3 us|@info"},
    {kFirst, 2, "automatically ~2 collect*|collected|logged|recorded|gathered"},
    {kFirst, 1.5,
     "cookie|cookies|web beacon*|beacons|pixel*|clear gif*|local storage|log file*|log data|"
     "tracking technolog*|similar technolog*|device identifier*|ip address*|usage data|analytics"},
    {kFirst, 1, "personal information|personal data|personally identifiable|information about you"},
    {kFirst, 2, "legal basis|legal bases|lawful basis|legitimate interest*|purposes of processing"},
    // third-party sharing and collection
    {kShare, 3, "@we ~3 @share"},
    {kShare, 3, "@we ~3 provide|give|send|pass|transmit|make ~6 to|with ~2 @tp"},
    {kShare, 3,
     "@tp ~4 @collect|receive*|use|uses|place|places|set|sets|serve|serves|track|tracks|"
     "tracking|combine|access"},
    {kShare, 3,
     "@info ~4 shared|disclosed|sold|rented|transferred|provided|passed|made ~2 to|with"},
    {kShare, 2, "disclosure|disclosures|sharing|sale ~3 of ~3 @info"},
    {kShare, 1.5, "with|to ~2 @tp"},
    {kShare, 0.7, "@tp"},
    {kShare, 2, "practices|policies ~3 of ~3 @tp|these|those|such|other|third"},
    {kShare, 2, "link|links|linked ~3 to ~3 other|third|external|websites|sites"},
    {kShare, 2, "business transfer*|merger|acquisition|bankruptcy|parent company"},
    {kShare, 1, "share|shares|sharing|sell|sells|sold|disclose|discloses|disclosed"},
    // user choice
    {kChoice, 3, "opt out|opt in|opting out|opt outs"},
    {kChoice, 3, "unsubscribe*"},
    {kChoice, 3, "withdraw* ~3 consent"},
    {kChoice, 3, "@you ~3 choose|decline|refuse|disable|block|reject|opt"},
    {kChoice, 3,
     "@you ~4 turn|adjust|change|manage|control|limit|stop|delete|remove|clear ~4 cookies|"
     "settings|preferences|browser|receiving|emails|communications|tracking|advertising|ads"},
    {kChoice, 2,
     "your choices|your choice|choices|preferences|privacy settings|browser settings|"
     "cookie settings|settings"},
    {kChoice, 1.5, "consent"},
    {kChoice, 2, "not wish|not want|prefer not|no longer wish|no longer want"},
    {kChoice, 2,
     "aboutads|youradchoices|ad choices|adchoices|network advertising initiative|"
     "digital advertising alliance|nai|daa|edaa|optout"},
    {kChoice, 2, "object to"},
    // user access, edit and deletion
    {kAccess, 3,
     "@you ~4 access|review|correct|update|edit|delete|erase|rectify|modify|amend|obtain ~4 "
     "your|personal|information|data|account|profile|details|copy"},
    {kAccess, 3,
     "right|rights ~2 to|of ~3 access|rectif*|erasure|deletion|delete|correct*|portability|"
     "know|forgotten|obtain|request"},
    {kAccess, 3,
     "request* ~4 access|copy|deletion|delete|correction|correct|erasure|rectification"},
    {kAccess, 2, "your rights|data subject rights|data subject request*|privacy rights"},
    {kAccess, 2, "exercise ~3 rights"},
    {kAccess, 2, "accessing|correcting|updating|deleting|deletion ~3 your ~2 information|data|account"},
    {kAccess, 2, "portability|authorized agent*|verify your identity"},
    {kAccess, 2, "verifiable ~2 request"},
    // data retention
    {kRetention, 3, "retain*|retention"},
    {kRetention, 3,
     "keep|keeps|kept|store|stores|stored|hold|holds|held|maintain*|preserve* ~8 for|until ~5 "
     "long|longer|period|day|days|month|months|year|years|necessary|needed|required|deleted|"
     "closed|terminat*|active"},
    {kRetention, 3, "as long as ~5 necessary|needed|required|reasonably|active|account|permitted"},
    {kRetention, 3, "no longer ~3 necessary|needed|required"},
    {kRetention, 3,
     "@we ~3 delete*|destroy*|dispose*|erase*|anonymi*|purge* ~10 after|within|once|longer|"
     "period|expire*|days|months|years"},
    {kRetention, 2, "period of time|periods of time|time period*|retention period*|how long"},
    // data security
    {kSecurity, 3, "@we ~4 protect*|safeguard*|secure|secures|encrypt*"},
    {kSecurity, 3,
     "security ~2 measures|safeguards|procedures|practices|controls|technolog*|standards|"
     "protocols|precautions"},
    {kSecurity, 3,
     "reasonable|appropriate|adequate ~4 measures|safeguards|steps|precautions|security"},
    {kSecurity, 2,
     "encrypt*|ssl|tls|secure socket*|firewall*|pseudonymi*|access controls"},
    {kSecurity, 2, "unauthori* ~3 access|use|disclosure|alteration"},
    {kSecurity, 2, "data breach*|security breach*|security incident*|breach"},
    {kSecurity, 3, "100 ~2 secure"},
    {kSecurity, 3, "guarantee ~6 security|secure"},
    {kSecurity, 3, "completely secure|perfectly secure|fully secure"},
    {kSecurity, 1.5, "security|secure|protect|protects|protected"},
    // policy change
    {kChange, 3,
     "change*|update*|modif*|revis*|amend* ~4 this|these|our|the ~3 policy|statement|notice|terms"},
    {kChange, 3,
     "policy|statement|notice ~4 may|will|might ~2 change|changed|updated|revised|modified"},
    {kChange, 3, "notify you ~8 change*|update*|modif*|revis*"},
    {kChange, 2,
     "material change*|effective date|last updated|last revised|last modified|revised policy|"
     "updated policy|by posting|continued use"},
    {kChange, 3, "@we ~1 are|have|will ~1 updating|updated|update ~2 our|this|the ~3 policy|terms|notice"},
    // when a change or the policy takes effect
    {kChange, 3,
     "change|changes|update|updates|amendment*|modification*|revision*|policy|terms|notice|"
     "statement ~3 take|takes|took|taking|come|comes|came ~2 effect|force"},
    {kChange, 3, "policy|terms|notice|statement|changes|version ~2 is|are|becomes|become ~1 effective"},
    // do not track (signals only)
    {kDnt, 4, "do not track|dnt"},
    {kDnt, 4,
     "global privacy control|gpc|opt out preference signal*|preference signal*|universal opt out"},
    {kDnt, 2, "browser signal*|tracking signal*|track signal*"},
    // international and specific audiences
    {kIntl, 3, "international|data ~2 transfer*"},
    {kIntl, 3,
     "transfer*|transmit*|stored|store ~6 outside|abroad|countries|country|borders"},
    {kIntl, 3, "transfer*|transmit*|stored|store|located ~3 in|to ~1 @region"},
    {kIntl, 3,
     "standard contractual clauses|adequacy decision*|privacy shield|data privacy framework|"
     "binding corporate rules|model clauses|adequate level"},
    {kIntl, 3, "resident*|residing|located|users|visitors|individuals|consumers ~2 in|of|from ~2 @region",
     true},
    {kIntl, 3, "@you ~3 in|from|of ~2 @region", true},
    {kIntl, 2,
     "gdpr|ccpa|cpra|lgpd|pipeda|uk gdpr|general data protection regulation|"
     "california consumer privacy act|shine the light",
     true},
    {kIntl, 1.5, "@region"},
    {kIntl, 2, "cross border"},
    {kIntl, 2, "outside ~3 country|eea|european|@region"},
    {kSpecific, 3,
     "children|child|childrens|kids|minors|coppa|under the age of|under age|under 13|under 16|"
     "under 18|younger than|teen*|underage",
     true},
    {kSpecific, 2, "parents|guardian*|parental|parent or|parent and", true},
    // terms of service
    {kEligibility, 3, "eligib*|age of majority|legal capacity|minimum age"},
    {kEligibility, 2, "@you ~3 must ~2 be ~3 least|years|older|legal"},
    {kArbitration, 3,
     "arbitrat*|class action*|class wide|jury trial|small claims"},
    {kArbitration, 3, "waive* ~3 right* ~3 jury|class"},
    {kArbitration, 2, "dispute resolution|mediation"},
    {kArbitration, 2, "disputes ~3 resolved"},
    {kLiability, 3,
     "liab*|indemnif*|hold harmless|disclaim*|warrant*|consequential damages|punitive"},
    {kLiability, 2, "as is|as available|damages"},
    {kLiability, 0.7, "responsib*"},
    {kTermination, 3,
     "terminat*|suspend* ~4 account*|access|agreement|terms|service*|membership|subscription"},
    {kTermination, 2, "termination|suspension"},
    {kLaw, 3,
     "governing law|governed by|laws of the state|construed in accordance|"
     "exclusive jurisdiction|jurisdiction of|venue|courts of|courts located"},
    {kLaw, 3, "laws of ~3 @region"},
    {kLaw, 2, "jurisdiction"},
    {kLicence, 3, "licen*|sublicens*|royalty"},
    {kLicence, 2,
     "intellectual property|copyright*|trademark*|your content|user content|ownership|proprietary"},
    {kFees, 3,
     "fee|fees|price*|pricing|refund*|billing|billed|charge|charges|charged|auto renew*|"
     "automatically renew*|renewal|taxes"},
    {kFees, 3, "pay ~3 fee*"},
    {kFees, 1.5, "payment*|subscription*|purchase*"},
    {kUse, 3,
     "@you ~1 agree|must|shall ~1 not ~4 use|upload|post|transmit|access|copy|reverse|attempt|"
     "interfere|engage|harass|impersonate|scrape|create|sell|resell|distribute|modify"},
    {kUse, 3, "prohibited|acceptable use|not permitted|not allowed"},
    {kUse, 2,
     "harass*|spam|scrap*|reverse engineer*|malware|viruses|impersonat*|misuse|unlawful purpose*"},
    // other: contact, introduction
    {kOther, 2.5,
     "contact us|email us|write to us|call us|reach us|questions|comments|"
     "concerns|data protection officer|privacy officer|dpo|get in touch"},
    {kOther, 3, "this|our ~2 policy|statement|notice ~3 applies|describes|explains|sets|governs"},
};

constexpr Cue kEnHeading[] = {
    {kFirst, 3,
     "information we collect|what we collect|collection|how we use|use of information|"
     "cookies|tracking|analytics|information you provide|personal information we|data we collect"},
    {kShare, 3,
     "sharing|disclosure*|how we share|third part*|who we share|sale of|links to|"
     "third party links|service providers|advertising"},
    {kChoice, 3,
     "your choices|choice*|opt out|preferences|marketing communications|manage cookies|"
     "cookie settings"},
    {kAccess, 3, "your rights|access|rights|correct*|updating your|data subject"},
    {kRetention, 3, "retention|how long|storage period"},
    {kSecurity, 3, "security|protect*|safeguard*"},
    {kChange, 3, "changes|updates to|amendments|modifications"},
    {kDnt, 3, "do not track"},
    {kIntl, 3, "international|transfer*|@region|gdpr|ccpa|european|residents"},
    {kSpecific, 3, "children*|child|minors|kids|under 13"},
    {kEligibility, 3, "eligibility|age requirement*|who may use"},
    {kArbitration, 3, "arbitration|dispute*"},
    {kLiability, 3, "liability|disclaimer*|warrant*|indemnif*"},
    {kTermination, 3, "terminat*|suspension"},
    {kLaw, 3, "governing law|jurisdiction|applicable law"},
    {kLicence, 3, "licen*|intellectual property|your content|user content|copyright|ownership"},
    {kFees, 3, "fees|payment*|billing|subscription*|refund*|pricing"},
    {kUse, 3, "prohibited|acceptable use|conduct|restrictions|community guidelines"},
    {kOther, 3, "contact*|questions|definitions|introduction|about us|scope|who we are"},
};

// ---- French ----

constexpr CueSet kFrSets[] = {
    {"we", "nous"},
    {"you", "vous"},
    {"tp",
     "tiers|partenaire*|prestataire*|sous traitant*|annonceur*|fournisseur*|filiale*|"
     "sociétés du groupe|autorités|réseaux sociaux|ces sites|autres sites|sites tiers"},
    {"info", "données|informations|cookies|traceurs"},
    {"region",
     "union européenne|ue|eee|espace économique européen|europe|états unis|royaume uni|suisse|"
     "canada|québec|californie"},
};

constexpr Cue kFrBody[] = {
    {kFirst, 3, "nous ~3 collect*|recueill*|obten*|traitons|traiter|utilisons|utiliser"},
    {kFirst, 2, "@info ~4 sont|être ~2 collectées|collectés|traitées|traités|utilisées|recueillies"},
    {kFirst, 2, "collecte|traitement*|finalité*|base légale|intérêt légitime|intérêts légitimes"},
    {kFirst, 1,
     "données personnelles|données à caractère personnel|informations personnelles|cookie*|"
     "traceur*"},
    {kShare, 3, "nous ~3 partag*|communiqu*|transmet*|transférons|vend*|divulg*|cédons|louons"},
    {kShare, 3, "@tp ~4 collect*|recueill*|utilis*|déposer|déposent|accéder|accèdent"},
    {kShare, 3, "@info ~4 partagées|communiquées|transmises|vendues|cédées ~3 à|avec"},
    {kShare, 1.5, "avec|à|aux ~2 @tp"},
    {kShare, 0.7, "@tp"},
    {kShare, 2, "partage|communication|transmission ~3 de|des ~3 données|informations"},
    {kChoice, 3, "vous ~4 opposer|refuser|désactiver|retirer|paramétrer|désinscrire|désabonner"},
    {kChoice, 3, "retirer ~3 consentement"},
    {kChoice, 3, "désinscri*|désabonn*|opposition"},
    {kChoice, 2, "paramètres|préférences|choix"},
    {kChoice, 1.5, "consentement"},
    {kAccess, 3,
     "droit|droits ~3 accès|rectification|effacement|portabilité|limitation|suppression"},
    {kAccess, 3,
     "vous ~4 accéder|rectifier|corriger|supprimer|modifier ~4 vos|données|informations|compte"},
    {kAccess, 2, "vos droits"},
    {kAccess, 2, "exercer ~3 droits"},
    {kRetention, 3, "conserv*|aussi longtemps|durée de conservation"},
    {kRetention, 2, "pendant|jusqu ~5 ans|mois|jours|nécessaire"},
    {kRetention, 2, "supprim* ~8 après|délai|terme"},
    {kSecurity, 3, "sécurité|sécuris*"},
    {kSecurity, 3, "protég* ~4 données|vos"},
    {kSecurity, 2,
     "chiffr*|cryptage|mesures techniques|organisationnelles|violation*|accès non autorisé"},
    {kChange, 3,
     "modifi*|mettre|mise|mises ~5 politique|présente|charte|conditions"},
    {kChange, 2, "informerons|informer ~6 modification*|changement*"},
    {kChange, 3, "politique|présente|conditions|modification*|changement*|charte ~6 vigueur|effet"},
    {kDnt, 4, "do not track|ne pas suivre|global privacy control|gpc"},
    {kIntl, 3, "transfert*|transférées|transférés ~6 hors|dehors|tiers|étranger|@region"},
    {kIntl, 3,
     "hors de l union|en dehors de l|pays tiers|clauses contractuelles types|décision d adéquation"},
    {kIntl, 3, "résid*|situés|utilisateurs ~2 en|au|aux|de ~2 @region", true},
    {kIntl, 1, "rgpd"},
    {kSpecific, 3, "enfant*|mineur*", true},
    {kSpecific, 3, "moins de ~2 13|15|16|18 ans", true},
    {kSpecific, 2, "parents|parental*|tuteur*|représentant légal", true},
    {kEligibility, 3, "âgé* d au moins|majeur*|capacité juridique"},
    {kArbitration, 3, "arbitrage|action collective|actions collectives|médiat*"},
    {kLiability, 3,
     "limitation de responsabilité|ne saurait être tenu*|ne pourra être tenu*|garanti*|dommages"},
    {kLiability, 0.7, "responsabilité"},
    {kTermination, 3, "résili*"},
    {kTermination, 3, "suspen* ~3 compte|accès"},
    {kLaw, 3, "droit applicable|droit français|loi applicable|tribunaux|juridiction*"},
    {kLicence, 3, "licence|droits d auteur|propriété intellectuelle"},
    {kFees, 3, "frais|prix|tarif*|rembours*"},
    {kFees, 1.5, "paiement*|abonnement*"},
    {kUse, 3, "interdit*|vous ne devez pas|vous engagez à ne pas"},
    {kOther, 2.5,
     "contactez nous|nous contacter|délégué à la protection|dpo|questions|nous écrire"},
    {kOther, 3, "présente|cette ~2 politique|charte ~3 décrit|explique|applique"},
};

constexpr Cue kFrHeading[] = {
    {kFirst, 3, "données collectées|collecte|utilisation|finalités|cookies|traceurs"},
    {kShare, 3, "partage|destinataires|communication|tiers"},
    {kChoice, 3, "vos choix|opposition|consentement|paramètres"},
    {kAccess, 3, "vos droits|droits|accès"},
    {kRetention, 3, "conservation|durée"},
    {kSecurity, 3, "sécurité"},
    {kChange, 3, "modification*|mises à jour"},
    {kIntl, 3, "transfert*|international*"},
    {kSpecific, 3, "enfant*|mineur*"},
    {kOther, 3, "contact*|nous contacter|définitions"},
};

// ---- German ----

constexpr CueSet kDeSets[] = {
    {"tp",
     "dritte|dritten|dritter|drittanbieter*|partner*|dienstleister*|auftragsverarbeiter*|"
     "werbepartner*|behörden|konzern*|tochtergesellschaft*|anbieter*|soziale netzwerke"},
    {"info", "daten|informationen|cookies"},
    {"region", "eu|ewr|europäischen|usa|vereinigten staaten|schweiz|kalifornien"},
};

constexpr Cue kDeBody[] = {
    {kFirst, 3, "erheb*|erhoben|sammeln|gesammelt|verarbeiten|verarbeitet|verarbeitung"},
    {kFirst, 2, "verwend*|nutz* ~4 @info"},
    {kFirst, 2, "@info ~4 verwend*|nutz*"},
    {kFirst, 2, "zweck*|rechtsgrundlage|berechtigt* interesse*"},
    {kFirst, 1, "personenbezogen* daten|cookie*"},
    {kShare, 3,
     "weitergeb*|weitergabe|weitergegeben|übermitt*|offenleg*|verkauf*|teilen|geteilt"},
    {kShare, 3, "an ~2 @tp ~3 weiter"},
    {kShare, 2.5, "@tp ~4 erheb*|sammeln|verarbeit*|cookies|zugriff"},
    {kShare, 1.5, "an ~2 @tp"},
    {kShare, 0.7, "@tp"},
    {kChoice, 3, "widerruf*|widersprech*|widerspruch*|abmelden|abbestellen|deaktivieren|opt out"},
    {kChoice, 2, "einstellungen"},
    {kChoice, 1.5, "einwilligung"},
    {kAccess, 3,
     "recht auf ~3 auskunft|berichtigung|löschung|einschränkung|datenübertragbarkeit|"
     "vergessenwerden"},
    {kAccess, 3, "auskunft*|berichtigung|datenübertragbarkeit"},
    {kAccess, 2, "ihre rechte|betroffenenrechte"},
    {kRetention, 3, "aufbewahr*|speicherdauer|speicherfrist*"},
    {kRetention, 3, "solange ~6 erforderlich|notwendig"},
    {kRetention, 3, "gespeichert|speichern ~8 bis|für ~4 jahre|monate|tage|dauer|erforderlich"},
    {kRetention, 2, "gelöscht|löschen ~6 sobald|nach|wenn"},
    {kSecurity, 3,
     "sicherheit*|schutzmaßnahme*|verschlüssel*|technische und organisatorische|ssl|tls"},
    {kChange, 3, "änder*|aktualisier*|anpass* ~5 datenschutzerklärung|erklärung|richtlinie|bedingungen"},
    {kChange, 3, "datenschutzerklärung ~6 änder*|anpass*|aktualisier*"},
    {kChange, 3,
     "datenschutzerklärung|erklärung|richtlinie|bedingungen|änderung*|fassung ~6 kraft|wirksam"},
    {kDnt, 4, "do not track|global privacy control|gpc"},
    {kIntl, 3,
     "drittland*|drittländer*|drittstaat*|angemessenheitsbeschluss|standardvertragsklauseln|"
     "standarddatenschutzklauseln"},
    {kIntl, 3, "außerhalb ~3 eu|ewr|europäischen"},
    {kSpecific, 3, "kind|kinder|kindern|kindes|minderjährig*|jugendlich*", true},
    {kSpecific, 3, "unter ~2 13|16|18 jahren", true},
    {kSpecific, 2, "eltern|erziehungsberechtigt*", true},
    {kEligibility, 3, "volljährig*|geschäftsfähig*"},
    {kEligibility, 3, "mindestens ~1 16|18 jahre"},
    {kArbitration, 3, "schiedsgericht*|schiedsverfahren|sammelklage*|schlichtung*|streitbeilegung"},
    {kLiability, 3, "haftung|haften|haftet|gewährleistung|schadensersatz"},
    {kTermination, 3, "kündig*"},
    {kTermination, 3, "sperr* ~3 konto|zugang"},
    {kLaw, 3, "anwendbares recht|deutsches recht|gerichtsstand|recht der bundesrepublik"},
    {kLicence, 3, "lizenz*|nutzungsrecht*|urheberrecht*"},
    {kFees, 3, "gebühr*|preis*|entgelt*|erstattung*"},
    {kFees, 1.5, "zahlung*|abonnement*"},
    {kUse, 3, "verboten|untersagt|unzulässig|nicht gestattet"},
    {kOther, 2.5, "kontakt*|datenschutzbeauftragt*|fragen|wenden sie sich"},
};

constexpr Cue kDeHeading[] = {
    {kFirst, 3, "erhebung|verarbeitung|zweck*|cookies|welche daten"},
    {kShare, 3, "weitergabe|empfänger|übermittlung|dritte*"},
    {kChoice, 3, "widerspruch*|widerruf*|einwilligung|einstellungen"},
    {kAccess, 3, "ihre rechte|rechte|auskunft|betroffenenrechte"},
    {kRetention, 3, "speicherdauer|aufbewahrung|löschung|speicherung"},
    {kSecurity, 3, "sicherheit|datensicherheit"},
    {kChange, 3, "änderung*|aktualisierung*"},
    {kIntl, 3, "drittland*|drittländer*|übermittlung in"},
    {kSpecific, 3, "kinder|minderjährig*"},
    {kOther, 3, "kontakt*|verantwortliche*|datenschutzbeauftragt*|begriffsbestimmungen"},
};

template <size_t A, size_t B, size_t C>
CueTable Table(const CueSet (&sets)[A], const Cue (&body)[B], const Cue (&heading)[C]) {
  return {sets, A, body, B, heading, C};
}

}  // namespace

const CueTable& EnglishCues() {
  static const CueTable t = Table(kEnSets, kEnBody, kEnHeading);
  return t;
}

const CueTable& FrenchCues() {
  static const CueTable t = Table(kFrSets, kFrBody, kFrHeading);
  return t;
}

const CueTable& GermanCues() {
  static const CueTable t = Table(kDeSets, kDeBody, kDeHeading);
  return t;
}

}  // namespace pw::diff
