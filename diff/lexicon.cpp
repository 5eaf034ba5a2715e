#include "diff/internal/lexicon.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace pw::diff {
namespace {

// One table row: a category and '|'-separated terms. `material`: a change touching
// the term is material; otherwise the term only tags the category. `recipient`:
// the terms name someone data goes to (for "new recipient" reasons).
struct Row {
  std::string_view category;
  bool material;
  bool recipient;
  std::string_view terms;
};

// Keep entries lower case, words separated by one space, '*' only at a word's end.
// English, then French, then German.
constexpr Row kRows[] = {
    {"first-party-collection", true, false,
     "collect*|we receive|we obtain|we process|we use your|personal data|personal information|"
     "personally identifiable|sensitive data|sensitive personal|special categor*|biometric*|"
     "precise location|location data|location information|geolocation|gps|latitude|longitude|"
     "email address*|phone number*|telephone number*|contact data|address book*|contacts list|"
     "device identifier*|advertising id*|advertising identifier*|ip address*|cookie id*|"
     "health data|health information|financial information|payment information|"
     "billing address|credit card*|card number|last four digits|face*|voice*|facial|fingerprint*|"
     "browsing history|search history|usage data|inferences|infer*|profil*|"
     "train*|machine learning|artificial intelligence|ai model*|generative ai|"
     "purpose*|legitimate interest*|legal basis|consent|"
     "collect*|données personnelles|données à caractère personnel|données sensibles|"
     "géolocalisation|localisation|numéro de téléphone|adresse e mail|adresse électronique|"
     "plaque d immatriculation|plaque dimmatriculation|finalité*|traitons|traitement*|"
     "déductions|vie sexuelle|convictions|opinions politiques|biométrique*|"
     "erheb*|personenbezogene*|daten|geolokalisierungsdaten|standort*|breiten|längengrad|"
     "telefonnummer|e mail adresse|verarbeit*|rückschlüsse|erkenntnisse|zweck*|einwilligung"},
    {"third-party-sharing", true, true,
     "third part*|partner*|advertiser*|advertising partner*|ad partner*|vendor*|"
     "service provider*|processor*|subprocessor*|sub processor*|affiliate*|"
     "data broker*|broker*|law enforcement|authorities|government*|public authorit*|"
     "buyer*|acquirer*|merger|acquisition|group companies|group entit*|"
     "developer*|mparticle|lotame|trade desk|uid2|euid|"
     "tiers|partenaire*|prestataire*|sous traitant*|annonceur*|autorités|filiale*|"
     "dritte*|drittanbieter*|partner|partnern|dienstleister*|auftragsverarbeiter*|"
     "werbepartner*|behörden|konzern*"},
    {"third-party-sharing", true, false,
     "share*|sharing|sell*|sold|sale of|disclos*|transfer to|provide to|make available|"
     "rent*|monetiz*|monetis*|partag*|vend*|vente|communiqu*|divulg*|transmet*|"
     "weitergeb*|weitergabe|verkauf*|offenleg*|übermitt*"},
    {"user-choice", true, false,
     "opt out|opt in|unsubscribe|withdraw your consent|withdraw consent|"
     "your choices|your choice|choose|control your|controls|settings|preferences|"
     "global privacy control|gpc|limit the use|object to|"
     "retirer votre consentement|vous opposer|opposition|paramètres|choix|"
     "widerruf*|widersprechen|widerspruch|einstellungen"},
    {"user-access", true, false,
     "right to know|right to access|right of access|right to correct|right to delete|"
     "right to erasure|right to rectif*|right to data portability|portability|"
     "access your|delete your|deletion|erase|correct your|request*|your rights|"
     "authorized agent*|appeal|"
     "droit d accès|droit daccès|droit de rectification|droit à l effacement|vos droits|"
          "auskunft*|berichtigung|löschung|ihre rechte|"
     "recht auf"},
    {"data-retention", true, false,
     "retain*|retention|we keep|keep your|keep it|keep this|keep the|kept|store*|storage|delete*|deletion|erase*|"
     "as long as|period of|conserv*|durée*|supprim*|"
     "aufbewahr*|speicher*|speicherdauer|gelöscht|löschen"},
    {"data-security", true, false,
     "secur*|encrypt*|breach*|safeguard*|protect your|unauthorized access|unauthorised access|"
     "sécurité|chiffr*|violation de données|"
     "sicherheit*|verschlüssel*|schutzmaßnahmen"},
    {"policy-change", true, false,
     "notify you|notice of|we will notify|we may notify|changes to this|changes to these|"
     "material change*|by posting|continued use|continue to use|effective when|"
     "advance notice|prior notice|sending you a message|"
     "modifications|nous vous informerons|änderungen dieser|benachrichtigen"},
    {"do-not-track", true, false,
     "do not track|dnt|track*|cookie*|pixel*|web beacon*|beacon*|sdk*|"
     "targeted advertising|personalised ads|personalized ads|interest based|"
     "cross context|behavioral advertising|behavioural advertising|"
     "traceur*|témoins|publicité ciblée|personnalisée*|"
     "tracking|personalisierte werbung"},
    {"international-audiences", true, false,
     "international transfer*|transfer* outside|outside the|cross border|"
     "standard contractual clauses|adequacy|data privacy framework|privacy shield|"
     "european economic area|eea|gdpr|ccpa|cpra|california|united kingdom|uk gdpr|"
     "switzerland|china|mainland china|singapore|united states|"
     "transfert*|hors de l union|hors de lunion|clauses contractuelles|rgpd|"
     "drittland*|drittländer*|außerhalb|standardvertragsklauseln|dsgvo"},
    {"specific-audiences", true, false,
     "child*|minor*|teen*|under 13|under 16|under 18|under the age|age of|years of age|"
     "years old|parent*|guardian*|coppa|age verification|verify your age|"
     "enfant*|mineur*|parental|moins de|"
     "kind*|minderjährig*|jugendlich*|eltern|unter 16"},
    {"eligibility", true, false,
     "at least|or older|older|eligib*|legal capacity|aged|must be|"
     "âgé*|au moins|mindestens|volljährig*"},
    {"arbitration", true, false,
     "arbitrat*|class action*|class wide|jury trial|waive*|waiver|dispute resolution|"
     "small claims|mediation|opt out of arbitration|"
     "arbitrage|action collective|médiation|"
     "schiedsgericht*|schiedsverfahren|sammelklage*|schlichtung"},
    {"liability", true, false,
     "liab*|liable|indemn*|warrant*|disclaim*|damages|responsib*|solely responsible|"
     "as is|at your own risk|consequences|limitation of|"
     "responsabilité*|responsable*|garantie*|dommages|"
     "haft*|gewährleistung|schadensersatz|verantwortlich*"},
    {"termination", true, false,
     "terminat*|suspend*|suspension|close your account|disable your|ban*|remove your|"
     "résili*|suspendre|suspension|"
     "kündig*|sperr*"},
    {"governing-law", true, false,
     "governing law|governed by|laws of|jurisdiction|courts of|venue|law will govern|"
     "droit applicable|tribunaux|juridiction*|"
     "anwendbares recht|gerichtsstand|gerichte"},
    {"content-licence", true, false,
     "licens*|licenc*|royalt*|sublicens*|intellectual property|"
     "your content|user content|ownership|own your|copyright*|"
     "host|reproduce|modify|distribute|"
     "licence|droits d auteur|votre contenu|vos contenus|contenu utilisateur|"
     "lizenz*|nutzungsrecht*|urheberrecht*|inhalte"},
    {"fees", true, false,
     "fee*|price*|pricing|pay|paid|payment*|refund*|subscription*|renew*|auto renew*|"
     "charge*|billing|bill*|trial|credit*|cancel*|tax*|withholding|non refundable|"
     "frais|prix|paiement*|rembourse*|abonnement*|"
     "gebühr*|preis*|zahlung*|erstattung*|abonnement*|kosten"},
    {"acceptable-use", true, false,
     "prohibited|you may not|you must not|you agree not|not permitted|illegal content|"
     "misuse|abuse|harass*|scrap*|harvest*|moderat*|community guidelines|"
     "interdit*|vous ne devez pas|verboten|untersagt"},
    {"other", false, false,
     "contact us|contact|email|mail|address|phone|website|link|here|page|"
     "table of contents|close|data protection officer|dpo|délégué à la protection|"
     "datenschutzbeauftragte*"},
};

struct Term {
  std::vector<std::string> words;
  std::string_view text;
  const Row* row;
};

// A byte trie over the first word of every term. A node lists the terms whose
// first word ends there exactly ("sell") and those whose first word is a prefix
// ending there ("sell*"). Looking a word up walks its bytes once: no allocation,
// no hashing.
struct Node {
  std::vector<std::pair<unsigned char, uint32_t>> children;
  std::vector<uint32_t> exact, prefix;  // term indexes, ascending
};

struct Index {
  std::vector<Term> terms;
  std::vector<Node> nodes{1};  // nodes[0] is the root
};

bool WordMatches(const std::string& pattern, const std::string& word) {
  if (!pattern.empty() && pattern.back() == '*') {
    return word.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0 &&
           word.size() >= pattern.size() - 1;
  }
  return pattern == word;
}

uint32_t Child(const Node& node, unsigned char c) {
  for (const auto& [byte, child] : node.children) {
    if (byte == c) return child;
  }
  return 0;
}

const Index& GetIndex() {
  static const Index* index = [] {
    auto* idx = new Index;
    for (const Row& row : kRows) {
      std::string_view all = row.terms;
      while (!all.empty()) {
        size_t bar = all.find('|');
        std::string_view term = all.substr(0, bar);
        all = bar == std::string_view::npos ? std::string_view() : all.substr(bar + 1);
        if (term.empty()) continue;
        Term t{{}, term, &row};
        std::string_view rest = term;
        while (!rest.empty()) {
          size_t sp = rest.find(' ');
          t.words.emplace_back(rest.substr(0, sp));
          rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
        }
        idx->terms.push_back(t);
      }
    }
    for (size_t i = 0; i < idx->terms.size(); ++i) {
      std::string_view first = idx->terms[i].words[0];
      bool is_prefix = first.back() == '*';
      if (is_prefix) first.remove_suffix(1);
      uint32_t at = 0;
      for (char ch : first) {
        auto c = static_cast<unsigned char>(ch);
        uint32_t next = Child(idx->nodes[at], c);
        if (next == 0) {
          next = static_cast<uint32_t>(idx->nodes.size());
          idx->nodes[at].children.emplace_back(c, next);
          idx->nodes.emplace_back();
        }
        at = next;
      }
      (is_prefix ? idx->nodes[at].prefix : idx->nodes[at].exact).push_back(static_cast<uint32_t>(i));
    }
    return idx;
  }();
  return *index;
}

}  // namespace

std::vector<LexiconHit> FindLexiconTerms(const std::vector<std::string>& words) {
  return FindLexiconTerms(words.data(), words.size());
}

std::vector<LexiconHit> FindLexiconTerms(const std::string* words, size_t count) {
  const Index& idx = GetIndex();
  std::vector<LexiconHit> hits;
  auto try_term = [&](uint32_t term_index, size_t pos) {
    const Term& t = idx.terms[term_index];
    if (pos + t.words.size() > count) return;
    for (size_t k = 1; k < t.words.size(); ++k) {
      if (!WordMatches(t.words[k], words[pos + k])) return;
    }
    hits.push_back({t.row->category, t.text, t.row->material, t.row->recipient, pos,
                    pos + t.words.size()});
  };
  std::vector<uint32_t> prefix_nodes;  // nodes passed on the way, shortest first
  for (size_t pos = 0; pos < count; ++pos) {
    const std::string& w = words[pos];
    prefix_nodes.clear();
    uint32_t at = 0;
    bool whole = true;
    for (char ch : w) {
      at = Child(idx.nodes[at], static_cast<unsigned char>(ch));
      if (at == 0) {
        whole = false;
        break;
      }
      if (!idx.nodes[at].prefix.empty()) prefix_nodes.push_back(at);
    }
    // Exact first words, then prefixes by ascending length (a stable order).
    if (whole) {
      for (uint32_t ti : idx.nodes[at].exact) try_term(ti, pos);
    }
    for (uint32_t n : prefix_nodes) {
      for (uint32_t ti : idx.nodes[n].prefix) try_term(ti, pos);
    }
  }
  return hits;
}

bool IsNegationOrModal(std::string_view w) {
  static const std::unordered_map<std::string_view, bool> kWords = [] {
    std::unordered_map<std::string_view, bool> m;
    for (std::string_view s :
         {"not", "no", "never", "none", "nor", "neither", "without", "cannot", "cant",
          "dont", "doesnt", "wont", "isnt", "arent", "shouldnt", "mustnt", "wouldnt",
          "may", "might", "can", "could", "will", "would", "shall", "should", "must",
          "only", "solely", "exclusively", "required", "optional", "always", "unless",
          "ne", "pas", "jamais", "aucun", "aucune", "sans", "ni", "peut", "peuvent",
          "pouvons", "pourrons", "pourra", "pourrait", "devons", "doit", "doivent",
          "devez", "uniquement", "seulement", "toujours",
          "nicht", "kein", "keine", "keinen", "keinem", "keiner", "niemals", "nie",
          "ohne", "kann", "können", "darf", "dürfen", "muss", "müssen", "soll",
          "sollen", "werden", "wird", "nur", "immer"}) {
      m.emplace(s, true);
    }
    return m;
  }();
  return kWords.count(w) > 0;
}

bool IsQuantityUnit(std::string_view w) {
  static const std::unordered_map<std::string_view, bool> kUnits = [] {
    std::unordered_map<std::string_view, bool> m;
    for (std::string_view s :
         {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour",
          "hours", "minute", "minutes", "second", "seconds", "business", "calendar",
          "percent", "%", "usd", "eur", "gbp", "dollars", "euros", "pounds",
          "jour", "jours", "semaine", "semaines", "mois", "an", "ans", "année", "années",
          "heure", "heures", "tag", "tage", "tagen", "woche", "wochen", "monat", "monate",
          "monaten", "jahr", "jahre", "jahren", "stunde", "stunden", "prozent"}) {
      m.emplace(s, true);
    }
    return m;
  }();
  return kUnits.count(w) > 0;
}

bool LooksLikeUpdateNotice(const std::vector<std::string>& w) {
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    const std::string& a = w[i];
    const std::string& b = w[i + 1];
    bool we = a == "we" || a == "were" || a == "weve" || a == "nous" || a == "wir";
    if (we && (b == "are" || b == "have" || b == "will" || b == "updating" ||
               b == "updated" || b == "mettons" || b == "aktualisieren")) {
      const std::string& c = i + 2 < w.size() ? w[i + 2] : b;
      if (b == "updating" || b == "updated" || b == "mettons" || b == "aktualisieren" ||
          c == "updating" || c == "updated" || c == "update" || c == "be") {
        return true;
      }
    }
    if ((a == "updates" || a == "changes") && b == "go") return true;
    if ((a == "takes" || a == "take" || a == "go" || a == "goes" || a == "come" ||
         a == "comes") && (b == "effect" || (b == "into" && i + 2 < w.size() && w[i + 2] == "effect"))) {
      return true;
    }
    if (a == "until" && b == "then") return true;
  }
  return false;
}

bool LooksLikeReference(const std::vector<std::string>& w, bool has_link) {
  // Cues, as sequences of folded words (apostrophes are dropped: "d'informations"
  // is "dinformations").
  static const std::vector<std::vector<std::string_view>> kCues = {
      {"for", "more"}, {"for", "further"}, {"learn", "more"}, {"more", "information"},
      {"more", "details"}, {"further", "information"}, {"see", "our"}, {"see", "the"},
      {"see", "this"}, {"please", "see"}, {"please", "refer"}, {"please", "read"},
      {"please", "review"}, {"please", "visit"}, {"refer", "to"}, {"visit", "our"},
      {"read", "our"}, {"review", "our"}, {"described", "in", "our"}, {"can", "be", "found"},
      {"you", "can", "find"}, {"available", "at"}, {"available", "here"}, {"click", "here"},
      {"pour", "plus"}, {"pour", "en", "savoir"}, {"consultez"}, {"veuillez", "consulter"},
      {"voir", "notre"}, {"reportez", "vous"}, {"rendez", "vous", "sur"},
      {"weitere", "informationen"}, {"mehr", "informationen"}, {"finden", "sie"},
      {"siehe"}, {"lesen", "sie"}, {"näheres"}, {"download"}, {"print"}, {"téléchargez"},
      {"herunterladen"}, {"can", "learn"}, {"can", "read"}, {"can", "see"}, {"can", "visit"},
      {"can", "review"}, {"can", "consult"}, {"pouvez", "consulter"}, {"können", "sie"}};
  static const std::vector<std::string_view> kTargets = {
      "policy", "notice", "page", "statement", "terms", "list", "guidelines", "center",
      "centre", "faq", "faqs", "here", "website", "section", "article", "help", "article",
      "politique", "charte", "conditions", "rubrique", "notre", "site",
      "richtlinie", "erklärung", "hinweise", "datenschutzerklärung", "seite", "abschnitt",
      "unserer", "unseren", "bedingungen", "pdf", "version", "copy"};
  static const std::vector<std::string_view> kNegations = {
      "not", "no", "never", "cannot", "cant", "dont", "wont", "ne", "pas", "jamais",
      "aucun", "aucune", "nicht", "kein", "keine", "keinen", "niemals", "nie"};
  bool cue = false, target = has_link;
  std::vector<bool> in_cue(w.size(), false);
  for (size_t i = 0; i < w.size(); ++i) {
    if (std::find(kNegations.begin(), kNegations.end(), w[i]) != kNegations.end()) return false;
    if (std::find(kTargets.begin(), kTargets.end(), w[i]) != kTargets.end() ||
        w[i].ends_with("richtlinie") || w[i].ends_with("erklärung")) {
      target = true;
    }
    for (const auto& c : kCues) {
      if (i + c.size() > w.size()) continue;
      bool match = true;
      for (size_t k = 0; k < c.size() && match; ++k) match = w[i + k] == c[k];
      if (!match) continue;
      cue = true;
      for (size_t k = 0; k < c.size(); ++k) in_cue[i + k] = true;
    }
  }
  // A modal outside the cue ("you can opt out…; see our policy") states a practice.
  for (size_t i = 0; i < w.size(); ++i) {
    if (!in_cue[i] && IsNegationOrModal(w[i])) return false;
  }
  return cue && target;
}

}  // namespace pw::diff
