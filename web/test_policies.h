// Two versions of a privacy policy for the web tests, written for them: the
// second sells data it did not sell and keeps data longer (a material change),
// and both hold text that looks like HTML, which every page must show as text.
#pragma once

namespace pw::web::testing {

inline constexpr const char* kPolicyV1 =
    "<html><body><main><h1>Privacy Policy</h1>"
    "<h2>Sharing</h2><p>We do not sell your personal data to anyone.</p>"
    "<h2>Retention</h2><p>We keep your data for 30 days after you close your account.</p>"
    "<h2>Contact</h2><p>Write to privacy@acme.example. Our form ignores "
    "&lt;script&gt;alert(1)&lt;/script&gt; and other markup.</p></main></body></html>";

inline constexpr const char* kPolicyV2 =
    "<html><body><main><h1>Privacy Policy</h1>"
    "<h2>Sharing</h2><p>We may sell your personal data to advertisers.</p>"
    "<h2>Retention</h2><p>We keep your data for 90 days after you close your account.</p>"
    "<h2>Contact</h2><p>Write to privacy@acme.example. Our form ignores "
    "&lt;script&gt;alert(1)&lt;/script&gt; and other markup.</p></main></body></html>";

inline constexpr const char* kTermsV1 =
    "<html><body><main><h1>Terms</h1><h2>Use</h2><p>Be kind to other users of the "
    "service.</p></main></body></html>";

inline constexpr const char* kTermsV2 =
    "<html><body><main><h1>Terms</h1><h2>Use</h2><p>Be kind to other users of the "
    "Service.</p></main></body></html>";

// kTermsV1 with only its letter case changed: a cosmetic change (SPEC.md,
// "Severity"), for tests of the severity filters.
inline constexpr const char* kTermsV1Cased =
    "<html><body><main><h1>Terms</h1><h2>Use</h2><p>BE KIND to other users of the "
    "service.</p></main></body></html>";

}  // namespace pw::web::testing
