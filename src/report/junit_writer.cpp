// JUnit XML: one testsuite per collection, one testcase per document; <failure> for findings,
// <error> for documents that could not be parsed. Paths go in `name` and `file` (Jenkins splits
// classname at its last dot), details in the element text (GitLab shows only the text).
// The per-collection counts are the suite's <properties> (found, checked, ignored, schema): the
// suites already are the collections, every collection gets one even when nothing in it was
// checked (tests="0" is what a CI view shows for a collection that was never read), and
// properties are where the JUnit format keeps facts about a suite. The files with front matter
// in no collection are the properties of one more suite, `verity/unmatched`; findings on files
// that are no document (templates, data, configuration) and site-wide ones are testcases of
// `verity/site`.
#include "report/collection_counts.hpp"
#include "report/markup.hpp"
#include "report/writers.hpp"

#include <cstdio>
#include <map>

namespace verity::report {
namespace {

std::string line_of(const Finding& f) {
  std::string loc = f.file.empty() ? std::string("verity") : f.file; // as the text report
  if (f.line > 0) {
    loc += ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
  }
  return loc + ": " + std::string(to_string(f.severity)) + " [" + f.rule + "] " + f.message;
}

std::string property(std::string_view name, std::string_view value) {
  return "      <property name=\"" + xml_escape(name) + "\" value=\"" + xml_escape(value) +
         "\"/>\n";
}

std::string suite_name_of(const std::string& collection) {
  return "verity." + (collection.empty() ? std::string("documents") : collection);
}

// Collection labels never hold '/' (Jekyll keeps [a-z0-9_.-]), so these names clash with none.
constexpr const char* k_site_suite = "verity/site";

struct Suite {
  std::string properties;
  std::string body;
  size_t tests = 0, failures = 0, errors = 0;
};

// One testcase: <failure> (or <error> for a file that could not be parsed) holding the errors,
// <system-out> the warnings and notes. `line` is the first error's.
void add_testcase(Suite& s, const std::string& suite_name, const std::string& name,
                  const std::vector<const Finding*>& findings, bool unparseable) {
  ++s.tests;
  int first_line = 1;
  std::string failing, notes;
  std::string first_rule;
  size_t failing_count = 0;
  for (const Finding* f : findings) {
    if (f->severity == Severity::Error) {
      if (failing_count++ == 0) {
        first_line = f->line > 0 ? f->line : 1;
        first_rule = f->rule;
      }
      failing += line_of(*f) + "\n";
    } else {
      notes += line_of(*f) + "\n";
    }
  }
  s.body += "    <testcase classname=\"" + xml_escape(suite_name) + "\" name=\"" +
            xml_escape(name) + "\" file=\"" + xml_escape(name) + "\" line=\"" +
            std::to_string(first_line) + "\" time=\"0\"";
  if (failing_count == 0 && notes.empty()) {
    s.body += "/>\n";
    return;
  }
  s.body += ">\n";
  if (failing_count > 0) {
    const char* tag = unparseable ? "error" : "failure";
    unparseable ? ++s.errors : ++s.failures;
    s.body += std::string("      <") + tag + " message=\"" + std::to_string(failing_count) +
              (failing_count == 1 ? " finding" : " findings") + "\" type=\"" +
              xml_escape(first_rule) + "\">" + xml_escape(failing) + "</" + tag + ">\n";
  }
  if (!notes.empty()) {
    s.body += "      <system-out>" + xml_escape(notes) + "</system-out>\n";
  }
  s.body += "    </testcase>\n";
}

} // namespace

std::string write_junit(const CheckResult& result) {
  std::map<std::string, std::vector<const Finding*>> by_file;
  for (const auto& f : result.findings) {
    by_file[f.file].push_back(&f);
  }
  std::map<std::string, Suite> suites;
  for (const auto& c : result.collections) {
    suites[suite_name_of(c.name)].properties += property("found", std::to_string(c.found)) +
                                                property("checked", std::to_string(c.checked)) +
                                                property("ignored", std::to_string(c.ignored)) +
                                                property("schema", c.schema);
  }
  if (!result.unmatched.empty()) {
    Suite& s = suites["verity/unmatched"];
    s.properties += property("unmatched", std::to_string(result.unmatched.size()));
    for (const auto& file : result.unmatched) {
      s.properties += property("file", file);
    }
  }
  for (const auto& doc : result.documents) {
    std::string suite_name = suite_name_of(doc.collection);
    add_testcase(suites[suite_name], suite_name, doc.file, by_file[doc.file], doc.unparseable);
    by_file.erase(doc.file);
  }
  // What is no document still fails the run: layouts, includes, _data, _config.yml, verity.yaml,
  // schemas, and the site-wide findings (no file). A CI view that reads only JUnit must see them.
  for (const auto& [file, findings] : by_file) {
    add_testcase(suites[k_site_suite], k_site_suite, file.empty() ? "(site)" : file, findings,
                 false);
  }
  size_t tests = 0, failures = 0, errors = 0;
  std::string body;
  char time[32];
  std::snprintf(time, sizeof time, "%.3f", result.duration_seconds);
  for (const auto& [name, s] : suites) {
    tests += s.tests;
    failures += s.failures;
    errors += s.errors;
    body +=
        "  <testsuite name=\"" + xml_escape(name) + "\" tests=\"" + std::to_string(s.tests) +
        "\" failures=\"" + std::to_string(s.failures) + "\" errors=\"" + std::to_string(s.errors) +
        "\" skipped=\"0\" time=\"0\">\n" +
        (s.properties.empty() ? "" : "    <properties>\n" + s.properties + "    </properties>\n") +
        s.body + "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"verity\" tests=\"" +
         std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
         std::to_string(errors) + "\" skipped=\"0\" time=\"" + time + "\">\n" + body +
         "</testsuites>\n";
}

} // namespace verity::report
