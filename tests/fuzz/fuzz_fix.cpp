// Fuzz target: the fix planner on arbitrary documents. Every integer of the front matter is asked
// to become another, every string to have its start rewritten (with quotes in the new text), and
// every ambiguous value quoted. Whatever is planned must apply to exactly the planned text, change
// only the planned bytes, and leave front matter that parses; nothing may crash or hang.
#include "fix/plan.hpp"
#include "frontmatter/framing.hpp"
#include "frontmatter/loader.hpp"

#include <cstdint>
#include <string>

namespace {

using verity::FixEdit;

void intents(const nlohmann::json& value, const std::string& pointer, const verity::Document& doc,
             verity::Findings& out) {
  if (out.size() > 64)
    return;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      intents(*it, pointer + "/" + verity::escape_pointer_token(it.key()), doc, out);
    return;
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      intents(value[i], pointer + "/" + std::to_string(i), doc, out);
    return;
  }
  FixEdit e;
  e.pointer = pointer;
  e.position = doc.map.find(pointer).value;
  if (value.is_number_integer()) {
    e.mode = FixEdit::Mode::Replace;
    e.old_text = std::to_string(value.get<std::int64_t>());
    e.new_text = std::to_string(value.get<std::int64_t>() / 2 + 1);
  } else if (value.is_string() && !value.get<std::string>().empty()) {
    e.mode = FixEdit::Mode::Rewrite;
    e.old_text = value.get<std::string>().substr(0, 4);
    e.new_text = "a'\"b";
  } else {
    return;
  }
  verity::Finding f;
  f.file = doc.path;
  f.fix.emplace();
  f.fix->edits.push_back(std::move(e));
  out.push_back(std::move(f));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  verity::Findings findings;
  verity::frontmatter::LoadOptions options;
  verity::Document doc =
      verity::frontmatter::parse_document(text, "_news/fuzz.md", options, findings);
  if (doc.parsed)
    intents(doc.data, "", doc, findings);
  std::vector<verity::Finding*> list;
  for (auto& f : findings)
    list.push_back(&f);
  const verity::fix::FilePlan plan = verity::fix::plan_file(text, list);
  std::vector<const verity::Fix*> planned;
  for (const auto& f : findings) {
    if (!f.fix || !f.fix->planned)
      continue;
    planned.push_back(&*f.fix);
    for (const auto& e : f.fix->edits) {
      if (text.compare(e.offset, e.length, e.old_bytes) != 0)
        __builtin_trap(); // the planned bytes are not the file's
    }
  }
  if (verity::fix::apply_planned(text, planned) != plan.edited)
    __builtin_trap();
  if (planned.empty() && plan.edited != text)
    __builtin_trap();
  if (!planned.empty() && doc.parsed) {
    verity::Findings after;
    verity::Document edited =
        verity::frontmatter::parse_document(plan.edited, "_news/fuzz.md", options, after);
    if (!edited.parsed && verity::frontmatter::frame(plan.edited).status ==
                              verity::frontmatter::FramingStatus::Ok)
      __builtin_trap(); // an accepted front-matter edit must leave YAML that parses
  }
  return 0;
}
