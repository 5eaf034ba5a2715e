// The command table (cli/commands.h).
#include "cli/commands.h"

namespace pw::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"run", "run", "run the daemon in the foreground (systemd Type=notify)", RunOptions,
       RunRun},
      {"check", "check [COMPANY[/TYPE]]", "check documents once now and print what changed",
       CheckOptions, RunCheck},
      {"validate", "validate", "check the configuration; exit 0, or print every error",
       nullptr, RunValidate},
      {"status", "status", "every document: last check, last change, failures, next check",
       StatusOptions, RunStatus},
      {"history", "history COMPANY/TYPE", "versions with dates and severities", HistoryOptions,
       RunHistory},
      {"show", "show COMPANY/TYPE [VERSION]", "the extracted text of a version", ShowOptions,
       RunShow},
      {"diff", "diff COMPANY/TYPE [FROM [TO]] | diff --files OLD NEW",
       "the section-level diff of two versions or two files", DiffOptions, RunDiff},
      {"extract", "extract FILE|URL...", "extraction only: print the sectioned text",
       ExtractOptions, RunExtract},
      {"export", "export DIR [--force]",
       "every version as dated Markdown files with manifest.json (a dataset)", ExportOptions,
       RunExport},
      {"import", "import DIR [--dry-run] [--map SOURCE=TARGET]",
       "an export or an Open Terms Archive dataset into the history (never alerted)",
       ImportOptions, RunImport},
      {"test-channel", "test-channel NAME", "send a test notification through a channel",
       TestChannelOptions, RunTestChannel},
      {"serve", "serve [--listen HOST:PORT]",
       "the web view, feeds, API and metrics over the database alone, read-only", ServeOptions,
       RunServe},
      {"reextract", "reextract [COMPANY[/TYPE]] [--all-versions] [--dry-run]",
       "re-derive text from stored evidence; store differences as technical versions (no alert)",
       ReextractOptions, RunReextract},
  };
  return commands;
}

}  // namespace pw::cli
