// Shell completions and the man page (`verity completions SHELL`, `verity manpage`): every
// command and flag that `--help` lists appears in each, and each shell (installed by
// ci/install-deps) loads its script and completes with it.
#include "support.hpp"

#include <regex>
#include <set>

using namespace verity;
using namespace verity::test;

namespace {

struct HelpTree {
  std::vector<std::string> commands;                  // "check", "schema infer"
  std::map<std::string, std::set<std::string>> flags; // command -> "--format", "-j"
};

// What `verity [COMMAND...] --help` says: the oracle is CLI11's own help text.
void read_help(const std::vector<std::string>& path, HelpTree& tree) {
  std::vector<std::string> args = path;
  args.push_back("--help");
  RunResult r = run_verity(args, source_dir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string key;
  for (const auto& p : path) {
    key += (key.empty() ? "" : " ") + p;
  }
  static const std::regex flag(R"((^|[ ,])(--?[A-Za-z][A-Za-z0-9-]*))");
  bool in_subcommands = false;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("Subcommands:", 0) == 0) {
      in_subcommands = true;
      continue;
    }
    if (in_subcommands) {
      std::smatch m;
      if (std::regex_search(line, m, std::regex(R"(^  ([a-z][a-z-]*)\b)"))) {
        std::vector<std::string> sub = path;
        sub.push_back(m[1]);
        std::string name;
        for (const auto& p : sub) {
          name += (name.empty() ? "" : " ") + p;
        }
        tree.commands.push_back(name);
        read_help(sub, tree);
      }
      continue;
    }
    // Option lines start with two spaces then the flag names.
    if (line.rfind("  -", 0) == 0) {
      std::string names = line.substr(
          0, line.find("  ", 2) == std::string::npos ? line.size() : line.find("  ", 3));
      for (std::sregex_iterator it(names.begin(), names.end(), flag), end; it != end; ++it) {
        tree.flags[key].insert((*it)[2]);
      }
    }
  }
}

HelpTree help_tree() {
  HelpTree tree;
  read_help({}, tree);
  return tree;
}

std::string generated(const std::vector<std::string>& args) {
  RunResult r = run_verity(args, source_dir());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// Runs `script` with bash and returns its stdout.
std::string bash(const std::string& script) {
  auto r = util::run_process({"bash", "-c", script}, source_dir());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

} // namespace

TEST(Completions, EveryCommandAndFlagOfHelpIsInEachScriptAndTheManPage) {
  HelpTree tree = help_tree();
  ASSERT_GE(tree.commands.size(), 20u); // check, fix, ..., schema infer, init, completions
  EXPECT_NE(std::find(tree.commands.begin(), tree.commands.end(), "schema infer"),
            tree.commands.end());
  size_t flags = 0;
  for (const auto& [_, f] : tree.flags) {
    flags += f.size();
  }
  ASSERT_GE(flags, 150u);
  std::map<std::string, std::string> outputs = {{"bash", generated({"completions", "bash"})},
                                                {"zsh", generated({"completions", "zsh"})},
                                                {"fish", generated({"completions", "fish"})},
                                                {"man", generated({"manpage"})}};
  for (const auto& [kind, text] : outputs) {
    for (const auto& command : tree.commands) {
      std::string last = command.substr(command.rfind(' ') + 1);
      EXPECT_NE(text.find(kind == "man" ? "verity " + command : last), std::string::npos)
          << kind << " lacks command " << command;
    }
    for (const auto& [command, names] : tree.flags) {
      for (const auto& name : names) {
        std::string written = name;
        if (kind == "man") { // roff escapes every hyphen
          written = std::regex_replace(name, std::regex("-"), "\\-");
        } else if (kind == "fish") { // `-l format`, `-s j`
          written = name.rfind("--", 0) == 0 ? "-l " + name.substr(2) : "-s " + name.substr(1);
        }
        EXPECT_NE(text.find(written), std::string::npos)
            << kind << " lacks " << name << " of `" << command << "`";
      }
    }
  }
}

TEST(Completions, BashCompletesCommandsFlagsAndChoices) {
  std::string script = generated({"completions", "bash"});
  TempDir dir;
  write_file(dir.path() / "verity.bash", script);
  auto complete = [&](const std::string& line) {
    // COMP_WORDS as bash splits the line; the last word is the one being completed.
    return bash("source '" + (dir.path() / "verity.bash").string() + "'; COMP_WORDS=(" + line +
                "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _verity; "
                "printf '%s\\n' \"${COMPREPLY[@]}\"");
  };
  EXPECT_EQ(complete("verity sch"), "schema\n");
  EXPECT_EQ(complete("verity schema in"), "infer\n");
  EXPECT_EQ(complete("verity schema infer --ex"), "--explain\n");
  EXPECT_EQ(complete("verity check --fail-on ''"), "error\nwarning\nnote\n");
  EXPECT_EQ(complete("verity check --format j"), "json\njunit\n");
  EXPECT_EQ(complete("verity completions ''"), "bash\nzsh\nfish\n"); // a positional's choices
  EXPECT_EQ(complete("verity init --for"), "--force\n");
  // Registered for the `verity` command.
  EXPECT_NE(bash("source '" + (dir.path() / "verity.bash").string() + "'; complete -p verity"), "");
}

TEST(Completions, ZshAndFishLoadTheirScriptsAndFishCompletes) {
  TempDir dir;
  write_file(dir.path() / "_verity", generated({"completions", "zsh"}));
  write_file(dir.path() / "verity.fish", generated({"completions", "fish"}));
  auto zsh = util::run_process({"zsh", "-n", (dir.path() / "_verity").string()}, source_dir());
  EXPECT_EQ(zsh.exit_code, 0) << zsh.err;
  auto fish_check = util::run_process(
      {"fish", "--no-execute", (dir.path() / "verity.fish").string()}, source_dir());
  EXPECT_EQ(fish_check.exit_code, 0) << fish_check.err;
  auto fish = [&](const std::string& line) {
    auto r = util::run_process(
        {"fish", "--no-config", "-c",
         "source '" + (dir.path() / "verity.fish").string() + "'; complete -C '" + line + "'"},
        source_dir());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string words;
    std::istringstream lines(r.out);
    std::string l;
    while (std::getline(lines, l)) {
      words += l.substr(0, l.find('\t')) + "\n";
    }
    return words;
  };
  EXPECT_EQ(fish("verity schema in"), "infer\n");
  EXPECT_EQ(fish("verity check --fail-on "), "error\nnote\nwarning\n");
  EXPECT_EQ(fish("verity schema infer --exp"), "--explain\n");
  EXPECT_EQ(fish("verity completions "), "bash\nfish\nzsh\n");
}

TEST(ManPage, GroffReadsItWithoutAWarning) {
  TempDir dir;
  write_file(dir.path() / "verity.1", generated({"manpage"}));
  auto r = util::run_process(
      {"groff", "-man", "-Tutf8", "-ww", "-z", (dir.path() / "verity.1").string()}, source_dir());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  auto rendered =
      util::run_process({"man", "-l", (dir.path() / "verity.1").string()}, source_dir());
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_NE(rendered.out.find("EXIT STATUS"), std::string::npos);
  EXPECT_NE(rendered.out.find("verity schema infer"), std::string::npos);
}
