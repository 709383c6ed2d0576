// Shell completions for bash, zsh and fish, written from the command table (command_table.hpp).
#include "cli/command_table.hpp"

namespace verity::cli {
namespace {

using Paths = std::vector<std::pair<std::string, const CommandInfo*>>;

// Names and choices are verity's own; kept to characters no shell reads specially anyway.
std::string word(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '/' || c == '=' || c == ':' || c == '+';
    if (ok) {
      out += c;
    }
  }
  return out;
}

// A command path ("verity schema infer"): words as above, one space between.
std::string path_words(const std::string& s) {
  std::string out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t space = s.find(' ', start);
    out += (out.empty() ? "" : " ") +
           word(s.substr(start, space == std::string::npos ? space : space - start));
    if (space == std::string::npos) {
      break;
    }
    start = space + 1;
  }
  return out;
}

// A description inside single quotes, on one line.
std::string single_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string first_sentence(const std::string& s) {
  std::string out = s.substr(0, s.find('\n'));
  if (out.size() > 100) {
    out = out.substr(0, 97) + "...";
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    out += (out.empty() ? "" : " ") + word(i);
  }
  return out;
}

// The `case` arm that moves the command path one word down: "verity check"|"verity fix"|...
std::string subcommand_pattern(const Paths& paths) {
  std::string out;
  for (size_t i = 1; i < paths.size(); ++i) {
    out += (out.empty() ? "" : "|") + std::string("\"") + path_words(paths[i].first) + "\"";
  }
  return out.empty() ? "\"\"" : out;
}

std::vector<std::string> option_names(const CommandInfo& c) {
  std::vector<std::string> out;
  for (const auto& f : c.flags) {
    if (!f.positional) {
      out.insert(out.end(), f.names.begin(), f.names.end());
    }
  }
  return out;
}

// The `case` patterns "verity check -o"|"verity check --output" of one flag.
std::string flag_arms(const std::string& path, const FlagInfo& f) {
  std::string arms;
  for (const auto& n : f.names) {
    arms += (arms.empty() ? "" : "|") + std::string("\"") + path_words(path) + " " + word(n) + "\"";
  }
  return arms;
}

// The choices of a command's positional arguments (`completions bash|zsh|fish`), if any.
std::vector<std::string> positional_choices(const CommandInfo& c) {
  std::vector<std::string> out;
  for (const auto& f : c.flags) {
    if (f.positional) {
      out.insert(out.end(), f.choices.begin(), f.choices.end());
    }
  }
  return out;
}

} // namespace

std::string bash_completion(const CommandInfo& root) {
  Paths paths = command_paths(root);
  std::string out = "# bash completion for verity, written by `verity completions bash`\n"
                    "_verity() {\n"
                    "  local cur prev path i\n"
                    "  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
                    "  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                    "  path=verity\n"
                    "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
                    "    case \"$path ${COMP_WORDS[i]}\" in\n"
                    "      " +
                    subcommand_pattern(paths) +
                    ") path=\"$path ${COMP_WORDS[i]}\" ;;\n"
                    "    esac\n"
                    "  done\n"
                    "  local subs='' flags='' valued='' args=''\n"
                    "  case \"$path\" in\n";
  for (const auto& [path, c] : paths) {
    std::vector<std::string> subs, valued;
    for (const auto& s : c->subcommands) {
      subs.push_back(s.name);
    }
    for (const auto& f : c->flags) {
      if (f.takes_value && !f.positional) {
        valued.insert(valued.end(), f.names.begin(), f.names.end());
      }
    }
    out += "    \"" + path_words(path) + "\") subs='" + joined(subs) + "'; flags='" +
           joined(option_names(*c)) + "'; valued='" + joined(valued) + "'; args='" +
           joined(positional_choices(*c)) + "' ;;\n";
  }
  out += "  esac\n  case \"$path $prev\" in\n";
  for (const auto& [path, c] : paths) {
    for (const auto& f : c->flags) {
      if (f.positional || !f.takes_value || (f.choices.empty() && !f.files)) {
        continue;
      }
      std::string arms = flag_arms(path, f);
      out += "    " + arms + ") COMPREPLY=($(compgen " +
             (f.choices.empty() ? std::string("-f") : "-W '" + joined(f.choices) + "'") +
             " -- \"$cur\")); return ;;\n";
    }
  }
  out += "  esac\n"
         "  if [[ -n \"$valued\" && \" $valued \" == *\" $prev \"* ]]; then COMPREPLY=(); return; "
         "fi\n"
         "  if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\")); "
         "return; fi\n"
         "  if [[ -n \"$subs$args\" ]]; then COMPREPLY=($(compgen -W \"$subs $args\" -- "
         "\"$cur\")); return; fi\n"
         "  COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "}\n"
         "complete -o filenames -F _verity verity\n";
  return out;
}

std::string zsh_completion(const CommandInfo& root) {
  Paths paths = command_paths(root);
  auto described = [](const std::string& name, const std::string& description) {
    std::string d = first_sentence(description);
    std::string escaped;
    for (char c : d) {
      escaped += c == ':' ? std::string("\\:") : std::string(1, c);
    }
    return single_quoted(word(name) + ":" + escaped);
  };
  std::string out = "#compdef verity\n"
                    "# zsh completion for verity, written by `verity completions zsh`\n"
                    "_verity() {\n"
                    "  local cmdpath=verity i\n"
                    "  for ((i = 2; i < CURRENT; i++)); do\n"
                    "    case \"$cmdpath ${words[i]}\" in\n"
                    "      (" +
                    subcommand_pattern(paths) +
                    ") cmdpath=\"$cmdpath ${words[i]}\" ;;\n"
                    "    esac\n"
                    "  done\n"
                    "  local prev=${words[CURRENT-1]}\n"
                    "  local -a subs flags\n"
                    "  case \"$cmdpath $prev\" in\n";
  for (const auto& [path, c] : paths) {
    for (const auto& f : c->flags) {
      if (f.positional || !f.takes_value) {
        continue;
      }
      std::string arms = flag_arms(path, f);
      out += "    (" + arms + ") " +
             (!f.choices.empty() ? "compadd -- " + joined(f.choices)
              : f.files          ? std::string("_files")
                                 : std::string("_message 'a value'")) +
             "; return ;;\n";
    }
  }
  out += "  esac\n  case \"$cmdpath\" in\n";
  for (const auto& [path, c] : paths) {
    out += "    (\"" + path_words(path) + "\")\n      subs=(";
    for (const auto& s : c->subcommands) {
      out += " " + described(s.name, s.description);
    }
    out += " )\n      flags=(";
    for (const auto& f : c->flags) {
      if (f.positional) {
        continue;
      }
      for (const auto& n : f.names) {
        out += " " + described(n, f.description);
      }
    }
    out += " )";
    for (const auto& choice : positional_choices(*c)) {
      out += "; subs+=(" + single_quoted(word(choice)) + ")";
    }
    out += " ;;\n";
  }
  out += "  esac\n"
         "  if [[ ${words[CURRENT]} == -* ]]; then _describe -t flags 'flag' flags; return; fi\n"
         "  if (( ${#subs} )); then _describe -t commands 'command' subs; return; fi\n"
         "  _files\n"
         "}\n"
         "_verity \"$@\"\n";
  return out;
}

std::string fish_completion(const CommandInfo& root) {
  Paths paths = command_paths(root);
  std::string out = "# fish completion for verity, written by `verity completions fish`\n"
                    "function __verity_path\n"
                    "  set -l path verity\n"
                    "  for w in (commandline -opc)[2..-1]\n"
                    "    switch \"$path $w\"\n"
                    "      case " +
                    [&] {
                      std::string cases;
                      for (size_t i = 1; i < paths.size(); ++i) {
                        cases += (cases.empty() ? "" : " ") + single_quoted(paths[i].first);
                      }
                      return cases.empty() ? std::string("''") : cases;
                    }() +
                    "\n        set path \"$path $w\"\n"
                    "    end\n"
                    "  end\n"
                    "  echo $path\n"
                    "end\n"
                    "function __verity_at\n"
                    "  test (__verity_path) = \"$argv\"\n"
                    "end\n"
                    "complete -c verity -f\n";
  for (const auto& [path, c] : paths) {
    std::string when = " -n " + single_quoted("__verity_at " + path);
    for (const auto& s : c->subcommands) {
      out += "complete -c verity" + when + " -a " + word(s.name) + " -d " +
             single_quoted(first_sentence(s.description)) + "\n";
    }
    for (const auto& f : c->flags) {
      if (f.positional) {
        if (!f.choices.empty()) {
          out += "complete -c verity" + when + " -a " + single_quoted(joined(f.choices)) + "\n";
        } else if (c->subcommands.empty()) {
          out += "complete -c verity" + when + " -F\n";
        }
        continue;
      }
      std::string line = "complete -c verity" + when;
      for (const auto& n : f.names) {
        line += n.rfind("--", 0) == 0 ? " -l " + word(n.substr(2)) : " -s " + word(n.substr(1));
      }
      if (f.takes_value) {
        line += !f.choices.empty() ? " -x -a " + single_quoted(joined(f.choices))
                : f.files          ? std::string(" -r -F")
                                   : std::string(" -x");
      }
      out += line + " -d " + single_quoted(first_sentence(f.description)) + "\n";
    }
  }
  return out;
}

} // namespace verity::cli
