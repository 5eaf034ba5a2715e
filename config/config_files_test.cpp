// LoadConfig end to end on the files around the configuration: secret files,
// includes (globs, cycles, symlinks) and hostile input.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "config/internal/test_load.h"

namespace pw::config {
namespace {

using std::chrono::seconds;
using testing::Errors;
using testing::ExpectError;

// ---- Secret files ------------------------------------------------------------------

TEST_CASE("bad: secret file that does not exist", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
              "secret_file = \"secrets/hook\"\n",
              "5:15: channel[1].secret_file: cannot read secret file 'DIR/secrets/hook': No such "
              "file or directory");
}

TEST_CASE("bad: empty secret file", "[config][bad]") {
  TempDir dir;
  dir.Write("secrets/pw", "\n");
  CHECK(Errors(dir, "[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtps://m.example\"\n"
                    "username = \"u\"\npassword_file = \"secrets/pw\"\nfrom = \"a@example.org\"\n"
                    "to = \"b@example.org\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:6:17: channel[1].password_file: secret "
                                 "file 'DIR/secrets/pw' is empty"});
}

TEST_CASE("bad: secret file that is a directory", "[config][bad]") {
  TempDir dir;
  dir.Write("secrets/readme", "x");
  CHECK(Errors(dir, "[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
                    "secret_file = \"secrets\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:5:15: channel[1].secret_file: secret file "
                                 "'DIR/secrets' is a directory"});
}

TEST_CASE("bad: unreadable secret file, and a secret is never printed", "[config][bad]") {
  TempDir dir;
  std::string secret = dir.Write("hook-secret", "hunter2-do-not-print");
  chmod(secret.c_str(), 0);
  const bool root_reads_anyway = geteuid() == 0;  // root ignores file modes
  std::vector<std::string> errors =
      Errors(dir, "[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"ftp://h.example\"\n"
                  "secret_file = \"hook-secret\"\n");
  std::vector<std::string> expected = {
      "DIR/policywatch.toml:4:7: channel[1].url: unsupported scheme 'ftp' (use http or https)"};
  if (!root_reads_anyway) {
    expected.push_back("DIR/policywatch.toml:5:15: channel[1].secret_file: cannot read secret "
                       "file 'DIR/hook-secret': Permission denied");
  }
  CHECK(errors == expected);
  for (const auto& e : errors) CHECK(e.find("hunter2") == std::string::npos);
}

TEST_CASE("bad: a secret file of several lines names the key, the file and the count",
          "[config][bad]") {
  TempDir dir;
  dir.Write("shadow", "root:$y$j9T$do-not-print:19000:0:99999:7:::\n"
                      "daemon:*:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n");
  std::vector<std::string> errors =
      Errors(dir, "[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
                  "secret_file = \"shadow\"\n");
  CHECK(errors == std::vector<std::string>{
                      "DIR/policywatch.toml:5:15: channel[1].secret_file: secret file "
                      "'DIR/shadow' holds 3 lines; a secret file must hold exactly one line (a "
                      "final newline is fine)"});
  for (const auto& e : errors) CHECK(e.find("do-not-print") == std::string::npos);
}

TEST_CASE("bad: a password file with a blank second line", "[config][bad]") {
  TempDir dir;
  dir.Write("pw", "letmein\r\n\r\n");
  CHECK(Errors(dir, "[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtps://m.example\"\n"
                    "username = \"u\"\npassword_file = \"pw\"\nfrom = \"a@example.org\"\n"
                    "to = \"b@example.org\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:6:17: channel[1].password_file: secret "
                                 "file 'DIR/pw' holds 2 lines; a secret file must hold exactly "
                                 "one line (a final newline is fine)"});
}

TEST_CASE("good: a secret file of one line, with LF, CRLF or no final newline",
          "[config][good]") {
  for (const char* content : {"s3cret", "s3cret\n", "s3cret\r\n", "s3cret \t\n"}) {
    TempDir dir;
    dir.Write("hook", content);
    LoadResult result = LoadConfig(dir.Write(
        "policywatch.toml", "[[channel]]\nname = \"h\"\ntype = \"webhook\"\n"
                            "url = \"https://h.example\"\nsecret_file = \"hook\"\n"));
    INFO("content: " << content);
    REQUIRE(result.ok());
    CHECK(result.config.channels.at(0).secret == "s3cret");
  }
}

// ---- Includes ----------------------------------------------------------------------

TEST_CASE("bad: include of a literal file that does not exist", "[config][bad]") {
  ExpectError("include = [\"watches.d/*.toml\", \"extra.toml\"]\n",
              "1:32: include[2]: included file 'DIR/extra.toml' does not exist");
}

TEST_CASE("bad: include cycle", "[config][bad]") {
  TempDir dir;
  dir.Write("a.toml", "include = \"b.toml\"\n");
  dir.Write("b.toml", "\n\ninclude = [\"a.toml\"]\n");
  CHECK(Errors(dir, "include = \"a.toml\"\n") ==
        std::vector<std::string>{"DIR/b.toml:3:12: include[1]: include cycle: DIR/a.toml -> "
                                 "DIR/b.toml -> DIR/a.toml"});
}

TEST_CASE("bad: a glob that matches the including file itself", "[config][bad]") {
  TempDir dir;
  CHECK(Errors(dir, "include = \"*.toml\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:1:11: include: include cycle: "
                                 "DIR/policywatch.toml -> DIR/policywatch.toml"});
}

TEST_CASE("bad: [daemon] in an included file", "[config][bad]") {
  TempDir dir;
  dir.Write("watches.d/x.toml", "[daemon]\nconcurrency = 2\n");
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n") ==
        std::vector<std::string>{"DIR/watches.d/x.toml:1:2: daemon: [daemon] may only appear in "
                                 "the main configuration file"});
}

TEST_CASE("bad: errors in included files name the included file", "[config][bad]") {
  TempDir dir;
  dir.Write("watches.d/a.toml", "[[company]]\nid = \"a\"\nchannels = [\"nope\"]\n");
  dir.Write("watches.d/b.toml", "[[company]]\nid = \"a\"\n");
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n[daemon]\njitter = \"x\"\n") ==
        std::vector<std::string>{
            "DIR/policywatch.toml:3:10: daemon.jitter: invalid jitter 'x' (use a percentage like "
            "\"10%\" or a fraction from 0 to 1)",
            "DIR/watches.d/a.toml:3:13: company[1].channels[1]: channel 'nope' is not defined by "
            "any [[channel]]",
            "DIR/watches.d/b.toml:2:6: company[1].id: duplicate company id 'a' (first defined at "
            "DIR/watches.d/a.toml:2:6)"});
}

TEST_CASE("bad: a dangling symlink matched by an include glob names the file",
          "[config][bad]") {
  TempDir dir;
  dir.Write("watches.d/a.toml", "[[company]]\nid = \"a\"\n");
  std::filesystem::create_symlink(dir.path() + "/gone.toml", dir.path() + "/watches.d/b.toml");
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:1:11: include: included file "
                                 "'DIR/watches.d/b.toml' is a broken symlink (its target "
                                 "'DIR/gone.toml' does not exist)"});
}

TEST_CASE("bad: a looping symlink, by glob or by name, names the file", "[config][bad]") {
  TempDir dir;
  std::filesystem::create_symlink("y.toml", dir.path() + "/x.toml");
  std::filesystem::create_symlink("x.toml", dir.path() + "/y.toml");
  CHECK(Errors(dir, "include = [\"x*.toml\", \"y.toml\"]\n") ==
        std::vector<std::string>{
            "DIR/policywatch.toml:1:12: include[1]: included file 'DIR/x.toml' is a symlink loop",
            "DIR/policywatch.toml:1:23: include[2]: included file 'DIR/y.toml' is a symlink loop"});
}

TEST_CASE("bad: an include glob matching something that is not a file", "[config][bad]") {
  TempDir dir;
  const std::string fifo = dir.path() + "/watches.d/pipe.toml";
  std::filesystem::create_directories(dir.path() + "/watches.d/sub.toml");  // skipped
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:1:11: include: included file "
                                 "'DIR/watches.d/pipe.toml' is not a regular file"});
}

TEST_CASE("bad: an included file whose reading fails is not taken as empty", "[config][bad]") {
  TempDir dir;
  // Opening /proc/self/mem works (even for root) but reading its first page fails.
  std::filesystem::create_directories(dir.path() + "/watches.d");
  std::filesystem::create_symlink("/proc/self/mem", dir.path() + "/watches.d/mem.toml");
  std::vector<std::string> errors = Errors(dir, "include = \"watches.d/*.toml\"\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("DIR/policywatch.toml:1:11: include: cannot read "
                        "'DIR/watches.d/mem.toml': ", 0) == 0);
}

// ---- Hostile input -----------------------------------------------------------------

TEST_CASE("hostile: missing main file", "[config][hostile]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.path() + "/nope.toml");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].ToString() == dir.path() + "/nope.toml: cannot read '" + dir.path() +
                                           "/nope.toml': No such file or directory");
}

TEST_CASE("hostile: a directory as the config", "[config][hostile]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.path());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].ToString() ==
        dir.path() + ": cannot read '" + dir.path() + "': is a directory");
}

TEST_CASE("hostile: an empty file is a valid config with defaults", "[config][hostile]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.Write("policywatch.toml", ""));
  REQUIRE(result.ok());
  CHECK(result.config.companies.empty());
  CHECK(result.config.channels.empty());
  CHECK(result.config.daemon.interval == seconds(6 * 3600));
}

TEST_CASE("hostile: binary garbage", "[config][hostile]") {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919 + 13) % 256);
  std::vector<std::string> errors = Errors(garbage);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("DIR/policywatch.toml:1:", 0) == 0);
  CHECK(errors[0].find("TOML syntax error: ") != std::string::npos);
}

TEST_CASE("hostile: NUL byte in a string", "[config][hostile]") {
  std::vector<std::string> errors = Errors(std::string("[daemon]\nuser_agent = \"a\0b\"\n", 26));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("DIR/policywatch.toml:2:", 0) == 0);
  CHECK(errors[0].find("TOML syntax error: ") != std::string::npos);
}

TEST_CASE("hostile: deeply nested arrays", "[config][hostile]") {
  std::string toml = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  std::vector<std::string> errors = Errors(toml);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "DIR/policywatch.toml:1:261: TOML syntax error: Error while parsing value: "
                     "exceeded maximum nested value depth of 256 (TOML_MAX_NESTED_VALUES)");
}

TEST_CASE("hostile: deeply nested tables by dotted keys", "[config][hostile]") {
  std::string key = "a";
  for (int i = 0; i < 200000; ++i) key += ".a";
  ExpectError("ok = 1\n[" + key + "]\n",
              "2:129: TOML syntax error: key has more than 64 dotted parts");
  ExpectError(key + " = 1\n", "1:128: TOML syntax error: key has more than 64 dotted parts");
}

TEST_CASE("hostile: many errors are all reported, in file order", "[config][hostile]") {
  std::vector<std::string> errors =
      Errors("[daemon]\nconcurrency = -1\ninterval = \"0s\"\nbogus = 1\n"
             "[[company]]\nid = \"A\"\n[[company.document]]\ntype = \"p\"\nurl = \"gopher://x\"\n");
  CHECK(errors == std::vector<std::string>{
                      "DIR/policywatch.toml:2:15: daemon.concurrency: -1 is out of range (1 to 1024)",
                      "DIR/policywatch.toml:3:12: daemon.interval: duration '0s' is too short "
                      "(minimum 1s)",
                      "DIR/policywatch.toml:4:1: daemon.bogus: unknown key",
                      "DIR/policywatch.toml:6:6: company[1].id: company id invalid 'A' (use "
                      "lower-case letters, digits, '.', '_' and '-', starting with a letter or "
                      "digit)",
                      "DIR/policywatch.toml:9:7: company[1].document[1].url: unsupported scheme "
                      "'gopher' (use http or https)"});
}

}  // namespace
}  // namespace pw::config
