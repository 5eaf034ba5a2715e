// `policywatch serve` as users run it: over a database alone, read-only, until
// SIGTERM; an address beyond loopback without a token, or no database, refused.
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/support/free_port.h"
#include <chrono>
#include <thread>

#include "config/config.h"
#include "store/store.h"
#include "tests/support/run_binary.h"
#include "tests/support/temp_dir.h"

namespace {

using pw::testing::RunBinary;
using pw::testing::TempDir;

int FreePort() { return ::pw::testing::FreeLoopbackPort(); }

// A database with one company and its documents, as the daemon leaves it.
std::string MakeDatabase(const TempDir& dir) {
  pw::config::Config config;
  pw::config::Company company;
  company.id = "acme";
  company.name = "Acme";
  company.documents.push_back(pw::config::PageDocument("privacy-policy", "https://acme.example/privacy"));
  config.companies.push_back(company);
  const std::string path = dir.File("copied.db");
  std::unique_ptr<pw::store::Store> store;
  REQUIRE(pw::store::Store::Open(path, &store).ok());
  REQUIRE(store->SyncConfig(config, 1000).ok());
  return path;
}

TEST_CASE("serve: a copied database browsed until SIGTERM", "[cli][web]") {
  TempDir dir;
  const std::string db = MakeDatabase(dir);
  const int port = FreePort();
  const pid_t pid = pw::testing::SpawnBinary(
      {"serve", "--config", dir.File("none.toml"), "--db", db, "--listen", "127.0.0.1:" + std::to_string(port)});
  httplib::Client client("127.0.0.1", port);
  std::string health;
  for (int i = 0; i < 200 && health.empty(); ++i) {
    if (auto r = client.Get("/healthz")) health = r->body;
    else std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(health == "ok\n");
  auto overview = client.Get("/");
  REQUIRE(overview);
  CHECK(overview->body.find("/documents/acme/privacy-policy") != std::string::npos);
  auto api = client.Get("/api/v1/documents");
  REQUIRE(api);
  CHECK(api->body.find("\"policywatch.documents.v1\"") != std::string::npos);
  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("serve: beyond loopback without a token is refused", "[cli][web][hostile]") {
  TempDir dir;
  const std::string db = MakeDatabase(dir);
  const auto o = RunBinary({"serve", "--config", dir.File("none.toml"), "--db", db, "--listen", "0.0.0.0:8787"});
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("listening on '0.0.0.0', which is not loopback, requires a token") != std::string::npos);
  const auto bad = RunBinary({"serve", "--config", dir.File("none.toml"), "--db", db, "--listen", "8787"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--listen: invalid listen address '8787'") != std::string::npos);
}

TEST_CASE("serve: no database at the path is an error naming it", "[cli][web][hostile]") {
  TempDir dir;
  const auto o = RunBinary({"serve", "--config", dir.File("none.toml"), "--db", dir.File("missing.db"),
                            "--listen", "127.0.0.1:0"});
  CHECK(o.exit_code == 1);
  CHECK(o.err.find("missing.db: no database yet") != std::string::npos);
}

}  // namespace
