#include "fix/plan.hpp"

#include "fix/text_position.hpp"
#include "fix/yaml_scalar.hpp"
#include "frontmatter/framing.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "rules/catalogue.hpp"
#include "util/hash.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

namespace verity::fix {
namespace {

using Json = nlohmann::json;

struct FrontMatter {
  bool present = false;
  std::size_t begin = 0, end = 0; // the YAML text's bytes in the file
  frontmatter::Conversion conversion;
};

FrontMatter read_front_matter(std::string_view file) {
  FrontMatter fm;
  const frontmatter::Framing framing = frontmatter::frame(file);
  if (framing.status != frontmatter::FramingStatus::Ok)
    return fm;
  fm.present = true;
  fm.begin = framing.yaml_offset;
  fm.end = framing.yaml_offset + framing.yaml_length;
  fm.conversion = frontmatter::yaml_to_json(file.substr(fm.begin, fm.end - fm.begin));
  return fm;
}

std::map<std::string, std::size_t> issue_counts(const frontmatter::Conversion& c) {
  std::map<std::string, std::size_t> counts;
  for (const auto& issue : c.issues)
    ++counts[issue.rule];
  return counts;
}

// One leaf the edit changed: where, and its value before and after.
struct Change {
  std::string pointer;
  const Json* before;
  const Json* after;
};

// Collects the leaves where `a` and `b` differ; false when they differ in shape (a key added,
// removed or renamed, a type of container changed, an array's length).
bool leaf_changes(const Json& a, const Json& b, const std::string& pointer,
                  std::vector<Change>& out) {
  if (a.is_object() != b.is_object() || a.is_array() != b.is_array())
    return false;
  if (a.is_object()) {
    if (a.size() != b.size())
      return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end())
        return false;
      if (!leaf_changes(*it, *other, pointer + "/" + escape_pointer_token(it.key()), out))
        return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size())
      return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!leaf_changes(a[i], b[i], pointer + "/" + std::to_string(i), out))
        return false;
    }
    return true;
  }
  if (a != b)
    out.push_back({pointer, &a, &b});
  return true;
}

std::string replace_first(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  if (at != std::string::npos)
    text.replace(at, from.size(), to);
  return text;
}

// What a front-matter edit should make of its value, for the check after parsing.
bool explains(const FixEdit& e, const Change& c) {
  if (!e.pointer.empty() && e.pointer != c.pointer)
    return false;
  switch (e.mode) {
  case FixEdit::Mode::Replace: {
    std::int64_t n = 0;
    const char* last = e.new_text.data() + e.new_text.size();
    const auto [end, ec] = std::from_chars(e.new_text.data(), last, n);
    if (ec == std::errc() && end == last)
      return c.after->is_number_integer() && c.after->get<std::int64_t>() == n;
    if (e.new_text == "true" || e.new_text == "false")
      return c.after->is_boolean() && c.after->get<bool>() == (e.new_text == "true");
    return c.after->is_string() && c.after->get<std::string>() == e.new_text;
  }
  case FixEdit::Mode::Rewrite:
    return c.before->is_string() && c.after->is_string() &&
           replace_first(c.before->get<std::string>(), e.old_text, e.new_text) ==
               c.after->get<std::string>();
  case FixEdit::Mode::Quote:
    return false; // a quoted value reads as verity read it already: no change to explain
  }
  return false;
}

bool same_edit(const FixEdit& a, const FixEdit& b) {
  return a.offset == b.offset && a.length == b.length && a.new_bytes == b.new_bytes;
}

// `file` with `edits` applied in offset order. The same edit twice (two findings, one repair)
// is applied once; an edit overlapping the one before, or past the end, is skipped (the planner
// never accepts such edits).
std::string splice_edits(std::string_view file, std::vector<const FixEdit*> edits) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const FixEdit* a, const FixEdit* b) { return a->offset < b->offset; });
  std::string out;
  std::size_t at = 0;
  const FixEdit* previous = nullptr;
  for (const FixEdit* e : edits) {
    const bool repeated = previous != nullptr && same_edit(*previous, *e);
    if (repeated || e->offset < at || e->offset + e->length > file.size())
      continue;
    out.append(file.substr(at, e->offset - at));
    out += e->new_bytes;
    at = e->offset + e->length;
    previous = e;
  }
  out.append(file.substr(at));
  return out;
}

class FilePlanner {
public:
  explicit FilePlanner(std::string_view file)
      : m_file(file), m_front(read_front_matter(file)), m_digest(util::sha256_hex(file)) {}

  // Locates the fix's edits and checks them against the edits staged before: a body fix is
  // accepted at once, a front-matter fix waits for the parse of finish().
  void stage(Finding& finding) {
    Fix& fix = *finding.fix;
    fix.digest = m_digest;
    fix.planned = false;
    if (fix.edits.empty())
      return refuse(fix, "the fix has nothing to change");
    bool front_matter = false;
    for (FixEdit& edit : fix.edits) {
      std::string why = locate(edit);
      if (!why.empty())
        return refuse(fix, why);
      if (edit.old_bytes == edit.new_bytes)
        return refuse(fix, "the text is already what the fix would write");
      // Whole characters only: an edit never splits a UTF-8 sequence or writes a broken one.
      if (!util::is_valid_utf8(edit.old_bytes) || !util::is_valid_utf8(edit.new_bytes))
        return refuse(fix, "the edit would split or write an invalid UTF-8 character");
      front_matter = front_matter || in_front_matter(edit.offset);
      if (under_duplicate_key(edit.pointer))
        return refuse(fix, "its key is written twice: verity reads the first value, Jekyll the "
                           "last; keep one of them by hand");
    }
    std::vector<const FixEdit*> fresh;
    for (const FixEdit& edit : fix.edits) {
      const FixEdit* other = overlapping(edit);
      if (other == nullptr) {
        fresh.push_back(&edit);
      } else if (!same_edit(*other, edit)) {
        return refuse(fix, "it overlaps another fix of the same text at line " +
                               std::to_string(other->position.line));
      }
    }
    for (const FixEdit* e : fresh)
      m_taken.emplace(e->offset, e);
    if (!front_matter)
      return accept(fix, fresh);
    m_waiting.push_back({&fix, std::move(fresh)});
  }

  // Checks the staged front-matter fixes by parsing: all together first (one parse, however many
  // fixes), then, when that fails, one by one, so one bad fix does not cost the others.
  void finish() {
    if (!m_waiting.empty()) {
      std::vector<const FixEdit*> all = m_accepted;
      for (const Waiting& w : m_waiting)
        all.insert(all.end(), w.edits.begin(), w.edits.end());
      if (check_front_matter(splice(all), all).empty()) {
        for (Waiting& w : m_waiting)
          accept(*w.fix, w.edits);
      } else if (m_waiting.size() > k_max_checked_one_by_one) {
        for (Waiting& w : m_waiting)
          refuse(*w.fix, "the fixes of this file do not check out together, and there are too "
                         "many to check one by one: fix a few by hand first");
      } else {
        for (Waiting& w : m_waiting) {
          std::vector<const FixEdit*> trial = m_accepted;
          trial.insert(trial.end(), w.edits.begin(), w.edits.end());
          std::string why = check_front_matter(splice(trial), trial);
          if (why.empty())
            accept(*w.fix, w.edits);
          else
            refuse(*w.fix, why);
        }
      }
    }
    m_edited = splice(m_accepted);
  }

  FilePlan result() {
    FilePlan plan;
    plan.edited = m_edited;
    plan.planned = m_planned;
    plan.refused = m_refused;
    return plan;
  }

private:
  void refuse(Fix& fix, std::string why) {
    fix.planned = false;
    fix.refused = std::move(why);
    ++m_refused;
  }

  bool in_front_matter(std::size_t offset) const {
    return m_front.present && offset >= m_front.begin && offset < m_front.end;
  }

  bool under_duplicate_key(const std::string& pointer) const {
    if (pointer.empty())
      return false;
    for (const std::string& dup : m_front.conversion.duplicates) {
      if (pointer == dup || pointer.starts_with(dup + "/"))
        return true;
    }
    return false;
  }


  // A staged edit whose bytes meet `e`'s (two insertions at one offset meet too), or nullptr.
  const FixEdit* overlapping(const FixEdit& e) const {
    auto it = m_taken.lower_bound(e.offset);
    if (it != m_taken.end() && (it->first < e.offset + e.length || it->first == e.offset))
      return it->second;
    if (it != m_taken.begin()) {
      --it;
      if (it->first + it->second->length > e.offset)
        return it->second;
    }
    return nullptr;
  }

  void accept(Fix& fix, const std::vector<const FixEdit*>& edits) {
    m_accepted.insert(m_accepted.end(), edits.begin(), edits.end());
    fix.planned = true;
    fix.refused.clear();
    ++m_planned;
  }

  // Finds the bytes the edit changes and what they become; "" on success, else why not.
  std::string locate(FixEdit& e) {
    if (!e.has_offset) {
      const auto at = offset_of(m_file, e.position);
      if (!at)
        return "its position " + std::to_string(e.position.line) + ":" +
               std::to_string(e.position.column) + " is not in the file";
      e.offset = *at;
    }
    if (e.offset > m_file.size())
      return "its offset is past the end of the file";
    const bool fm = in_front_matter(e.offset);
    if (fm && !m_front.conversion.ok)
      return "the front matter does not parse, so no edit of it can be checked";
    const std::string_view yaml = fm ? m_file.substr(0, m_front.end) : m_file;
    switch (e.mode) {
    case FixEdit::Mode::Replace:
    case FixEdit::Mode::Quote: {
      if (fm && style_at(yaml, e.offset) != ScalarStyle::Plain)
        return "the value is quoted or a block scalar, which this fix does not rewrite";
      const std::size_t end =
          fm ? plain_token_end(yaml, e.offset) : e.offset + e.old_text.size();
      const std::string_view token = m_file.substr(e.offset, end - e.offset);
      if (e.mode == FixEdit::Mode::Quote) {
        if (!fm)
          return "only a front-matter value can be quoted";
        if (token.empty())
          return "there is no plain value at its position";
        set(e, e.offset, token.size(), quoted(token));
        return "";
      }
      if (!e.old_text.empty() && token != e.old_text && fm)
        return "the text at its position is '" + std::string(token) + "', not '" + e.old_text +
               "' as the check read it";
      if (!fm && token != e.old_text)
        return "the source writes '" + e.old_text +
               "' differently (a character reference or an escape), so it cannot be replaced "
               "exactly";
      set(e, e.offset, token.size(), e.new_text);
      return "";
    }
    case FixEdit::Mode::Rewrite: {
      if (!fm) {
        if (!m_file.substr(e.offset).starts_with(e.old_text))
          return "the text is written differently in the source (escapes or character "
                 "references), so it cannot be replaced exactly";
        set(e, e.offset, e.old_text.size(), e.new_text);
        return "";
      }
      const ScalarStyle style = style_at(yaml, e.offset);
      const auto raw_old = written_in(style, e.old_text);
      const auto raw_new = written_in(style, e.new_text);
      if (!raw_old || !raw_new)
        return "the new text cannot be written in the value's YAML style";
      const auto at = find_in_scalar(yaml, e.offset, style, *raw_old);
      if (!at)
        return "the value is written with escapes or across lines, so it cannot be replaced "
               "exactly";
      set(e, *at, raw_old->size(), *raw_new);
      return "";
    }
    }
    return "unknown kind of edit";
  }

  void set(FixEdit& e, std::size_t offset, std::size_t length, std::string new_bytes) {
    e.offset = offset;
    e.has_offset = true;
    e.length = length;
    e.old_bytes = std::string(m_file.substr(offset, length));
    e.new_bytes = std::move(new_bytes);
    e.position = position_of(m_file, offset);
    e.end = position_of(m_file, offset + length);
  }

  std::string splice(std::vector<const FixEdit*> edits) const { return splice_edits(m_file, edits); }

  // The edited front matter must read as the original does, but for the values the edits change;
  // every issue the parser raised before is still raised, but for the ambiguities quoted away.
  std::string check_front_matter(std::string_view edited,
                                 const std::vector<const FixEdit*>& edits) const {
    const FrontMatter after = read_front_matter(edited);
    if (!after.present || !after.conversion.ok ||
        !util::is_valid_utf8(edited.substr(after.begin, after.end - after.begin)))
      return "the edited front matter would not parse";
    std::vector<Change> changes;
    if (!leaf_changes(m_front.conversion.value, after.conversion.value, "", changes))
      return "the edited front matter would have other keys or another shape";
    std::vector<const FixEdit*> value_edits;
    for (const FixEdit* e : edits) {
      if (!in_front_matter(e->offset))
        continue;
      if (e->mode != FixEdit::Mode::Quote)
        value_edits.push_back(e);
    }
    if (changes.size() != value_edits.size())
      return "the edited front matter would change " + std::to_string(changes.size()) +
             " values, not " + std::to_string(value_edits.size());
    std::vector<bool> used(value_edits.size(), false);
    for (const Change& c : changes) {
      bool found = false;
      for (std::size_t i = 0; i < value_edits.size() && !found; ++i) {
        if (!used[i] && explains(*value_edits[i], c))
          used[i] = found = true;
      }
      if (!found)
        return "the edited front matter would read " + c.after->dump() + " at " + c.pointer;
    }
    // Quoting or writing out an ambiguous value removes its finding; nothing may add one.
    auto before = issue_counts(m_front.conversion);
    auto now = issue_counts(after.conversion);
    const std::string ambiguous(rules::frontmatter_ambiguous_bool.id);
    if (now[ambiguous] > before[ambiguous] || before[ambiguous] - now[ambiguous] > edits.size())
      return "the edited front matter would raise other YAML findings";
    before.erase(ambiguous);
    now.erase(ambiguous);
    if (now != before)
      return "the edited front matter would raise other YAML findings";
    return "";
  }

  std::string_view m_file;
  FrontMatter m_front;
  std::string m_digest;
  struct Waiting {
    Fix* fix;
    std::vector<const FixEdit*> edits; // its edits not staged before by another fix
  };
  static constexpr std::size_t k_max_checked_one_by_one = 64;

  std::multimap<std::size_t, const FixEdit*> m_taken; // staged edits by offset
  std::vector<const FixEdit*> m_accepted;
  std::vector<Waiting> m_waiting;
  std::string m_edited;
  std::size_t m_planned = 0, m_refused = 0;
};

} // namespace

FilePlan plan_file(std::string_view file, const std::vector<Finding*>& findings) {
  std::vector<Finding*> ordered;
  for (Finding* f : findings) {
    if (f->fix)
      ordered.push_back(f);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Finding* a, const Finding* b) { return finding_less(*a, *b); });
  FilePlanner planner(file);
  for (Finding* f : ordered)
    planner.stage(*f);
  planner.finish();
  return planner.result();
}

std::string apply_planned(std::string_view file, const std::vector<const Fix*>& fixes) {
  std::vector<const FixEdit*> edits;
  for (const Fix* fix : fixes) {
    if (fix->planned) {
      for (const FixEdit& e : fix->edits)
        edits.push_back(&e);
    }
  }
  return splice_edits(file, std::move(edits));
}

} // namespace verity::fix
