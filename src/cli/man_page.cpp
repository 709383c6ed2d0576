// verity(1), written from the command table (command_table.hpp) in man(7) roff.
#include "cli/command_table.hpp"

namespace verity::cli {
namespace {

// Text as roff prints it: backslashes and hyphens escaped, no line starting a request.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) {
      out += "\\&";
    }
    line_start = c == '\n';
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

std::string flag_line(const FlagInfo& f) {
  std::string out;
  for (const auto& n : f.names) {
    out += (out.empty() ? "" : ", ") + std::string("\\fB") + roff(n) + "\\fR";
  }
  if (f.takes_value && !f.positional) {
    out += " \\fI" + std::string(f.choices.empty() ? "VALUE" : "") + "\\fR";
    if (!f.choices.empty()) {
      std::string list;
      for (const auto& c : f.choices) {
        list += (list.empty() ? "" : "|") + roff(c);
      }
      out += list;
    }
  }
  return out;
}

} // namespace

std::string man_page(const CommandInfo& root, const std::string& version) {
  std::string out =
      ".\\\" verity(1), written by `verity manpage` from verity's own command table\n"
      ".TH VERITY 1 \"\" \"verity " +
      roff(version) +
      "\" \"User Commands\"\n"
      ".SH NAME\n"
      "verity \\- " +
      roff(root.description.substr(
          root.description.find(':') == std::string::npos ? 0 : root.description.find(':') + 2)) +
      "\n"
      ".SH SYNOPSIS\n"
      ".B verity\n"
      ".I command\n"
      "[\\fIoptions\\fR] [\\fIarguments\\fR]\n"
      ".SH DESCRIPTION\n" +
      roff(root.description) +
      "\n.PP\nEvery command prints its own help with \\fB\\-\\-help\\fR.\n"
      ".SH COMMANDS\n";
  for (const auto& [path, c] : command_paths(root)) {
    if (c == &root) {
      continue;
    }
    out += ".SS \"" + roff(path) + "\"\n" + roff(c->description) + "\n";
    for (const auto& f : c->flags) {
      out += ".TP\n" + flag_line(f) + "\n" + roff(f.description) + "\n";
    }
  }
  out += ".SH GLOBAL OPTIONS\n";
  for (const auto& f : root.flags) {
    out += ".TP\n" + flag_line(f) + "\n" + roff(f.description) + "\n";
  }
  out += ".SH EXIT STATUS\n"
         ".TP\n.B 0\nNo finding at or above \\fB\\-\\-fail\\-on\\fR.\n"
         ".TP\n.B 1\nAt least one finding at or above \\fB\\-\\-fail\\-on\\fR (for \\fBschema "
         "infer \\-\\-explain\\fR: at least one outlier).\n"
         ".TP\n.B 2\nA usage or configuration error: a bad flag, an invalid verity.yaml or "
         "schema, a run that found no document.\n"
         ".TP\n.B 3\nThe run could not complete (a report could not be written, an internal "
         "error).\n"
         ".SH ENVIRONMENT\n"
         ".TP\n.B VERITY_KEYS\nThe key folder for \\fB\\-\\-keys\\fR.\n"
         ".TP\n.B VERITY_TRUSTED_CONFIG\nA verity.yaml kept outside the checkout, as "
         "\\fB\\-\\-trusted\\-config\\fR.\n"
         ".TP\n.B XDG_CACHE_HOME\nWhere the link cache lives (default ~/.cache/verity).\n"
         ".SH FILES\n"
         ".TP\n.I verity.yaml\nThe site's configuration, found by walking up from the checked "
         "path; it layers over a built\\-in profile and may only restrict verity.\n"
         ".SH SEE ALSO\n"
         "\\fBjekyll\\fR(1); the README of verity's source tree.\n";
  return out;
}

} // namespace verity::cli
