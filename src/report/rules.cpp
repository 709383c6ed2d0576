#include "report/rules.hpp"

namespace verity::report {

const std::vector<RuleInfo>& all_rules() {
  static const std::vector<RuleInfo> k_rules = {
      {"frontmatter/missing", Severity::Error, "Document has no front matter",
       "A document in a collection must start with a '---' line, YAML, and a closing '---' line.",
       "Add front matter, or mark the collection `front_matter: optional` in verity.yaml."},
      {"frontmatter/unterminated", Severity::Error, "Front matter is never closed",
       "The opening '---' line has no matching closing '---' or '...' line.",
       "Add a line '---' after the last front-matter key."},
      {"frontmatter/yaml-error", Severity::Error, "Front matter is not valid YAML",
       "The YAML parser rejected the front matter, or its root is not a mapping.",
       "Fix the YAML at the reported line and column."},
      {"frontmatter/duplicate-key", Severity::Error, "Duplicate key in front matter",
       "A mapping has the same key twice; YAML parsers disagree on which value wins.",
       "Keep one of the two keys."},
      {"frontmatter/ambiguous-bool", Severity::Warning, "Value Jekyll reads differently",
       "An unquoted value such as yes/no/on/off or 082 is a boolean or number to Jekyll (YAML 1.1) "
       "but a string to YAML 1.2 tools.",
       "Quote the value, or write what you mean (true/false, 82)."},
      {"frontmatter/alias", Severity::Error, "Refused YAML construct",
       "Anchors, aliases, merge keys, explicit tags and complex keys are refused in front matter: "
       "they hide values from reviewers and allow 'billion laughs' inputs.",
       "Write the values out in full."},
      {"frontmatter/limit", Severity::Error, "Document exceeds a size limit",
       "The file, the front matter, a scalar, or the nesting depth exceeds verity's limits "
       "(8 MiB, 256 KiB, 1 MiB, 64 levels by default).",
       "Shrink the document, or raise `limits` in verity.yaml."},
      {"frontmatter/encoding", Severity::Error, "Front matter is not UTF-8",
       "The front matter contains bytes that are not valid UTF-8.", "Re-save the file as UTF-8."},
      {"frontmatter/bom", Severity::Note, "File starts with a byte order mark",
       "A UTF-8 BOM precedes the front matter. Jekyll accepts it; some tools do not.",
       "Remove the BOM."},
      {"frontmatter/unreadable", Severity::Error, "Document cannot be read",
       "The file could not be opened or read.", "Check the file's permissions and type."},
      {"schema/type", Severity::Error, "Front matter value has the wrong type",
       "A front matter value's YAML type does not match the collection schema.",
       "Fix the value or its quoting; see the collection schema."},
      {"schema/required", Severity::Error, "Required front matter property is missing",
       "The collection schema requires a property that the document does not have.",
       "Add the property."},
      {"schema/enum", Severity::Error, "Value is not one of the allowed values",
       "The collection schema lists the allowed values and this is not one of them.",
       "Use one of the listed values."},
      {"schema/additionalProperties", Severity::Error, "Unknown front matter property",
       "The collection schema does not allow this property; it is often a misspelling.",
       "Fix the spelling, or add the property to the schema."},
      {"schema/format", Severity::Error, "Value is not in the expected format",
       "A date-time, date, URI, e-mail or host name value is malformed.",
       "Write the value in the format the message names."},
      {"schema/pattern", Severity::Error, "Value does not match the required pattern",
       "The value does not match the regular expression in the collection schema.",
       "Fix the value."},
      {"schema/anyOf", Severity::Error, "None of the alternatives is satisfied",
       "The collection schema requires one of several alternatives (e.g. one of two URLs).",
       "Add one of the named properties."},
      {"content/duplicate-url", Severity::Error, "Two documents share a unique URL",
       "A field that must be unique across the site (webUrl by default) repeats.",
       "Give each document its own URL, or merge the documents."},
      {"content/filename-date", Severity::Error, "File name date differs from the document date",
       "The YYYY-MM-DD- prefix of the file name is not the local date of the document's date "
       "field.",
       "Rename the file or fix the date; set `timezone` in verity.yaml for an exact check."},
      {"image/missing", Severity::Error, "Local image not found",
       "A site-absolute image URL does not resolve to a file under the site root.",
       "Add the image file or fix the URL."},
      {"image/dimension-mismatch", Severity::Error, "Declared image size is wrong",
       "The width/height declared beside the image differ from the image file's header.",
       "Fix width/height, or replace the image."},
      {"image/unreadable", Severity::Error, "Image size cannot be read",
       "The file is not a supported image, or its header is truncated or corrupt.",
       "Replace the file with a valid PNG, JPEG, GIF, WebP or BMP image."},
      {"image/orientation", Severity::Warning, "Declared size ignores the image's rotation",
       "The declared width/height match the stored pixels, but EXIF orientation (or HEIF irot) "
       "turns "
       "the image, so browsers show it the other way round.",
       "Swap width and height."},
      {"image/not-an-image", Severity::Error, "The URL does not point to an image",
       "The file or response is not an image (an HTML page, text...).", "Fix the URL."},
      {"image/unsupported-format", Severity::Error, "Image format not supported",
       "The file is an image in a format verity cannot read the size of (e.g. compressed SVG).",
       "Use PNG, JPEG, GIF, WebP, BMP, ICO, TIFF, PSD, SVG, AVIF or HEIF."},
      {"link/broken", Severity::Error, "Link is broken",
       "The URL answered 4xx/5xx after retries, or its host does not resolve, or TLS failed.",
       "Fix or remove the link."},
      {"link/timeout", Severity::Warning, "Link timed out",
       "The server did not answer in time, after retries, or not within the URL's time budget "
       "(--url-budget: retries, backoff, Retry-After waits and slow answers together).",
       "Check the link later, or in a browser."},
      {"link/blocked", Severity::Warning, "A bot wall answered",
       "A bot protection (Cloudflare, AWS WAF), LinkedIn's 999 or rate limiting answered instead "
       "of the page.",
       "Check the link in a browser; exclude the host if it always blocks."},
      {"link/redirect", Severity::Note, "Link permanently redirects",
       "The URL answers with a permanent redirect (301/308) to a working page.",
       "Update the link to its target."},
      {"link/private-address", Severity::Error, "Link points to a private address",
       "The host resolves to a private, loopback or link-local address; verity does not connect "
       "there.",
       "Use a public URL, or --allow-private / --allow-address for an intranet."},
      {"link/unsupported-scheme", Severity::Error, "Link scheme not checked",
       "Only http and https links are checked.", "Use an http(s) URL."},
      {"link/unchecked", Severity::Warning, "Link not checked before the deadline",
       "The run's --deadline was reached before this URL had an answer; every other result is "
       "complete and the reports are written.",
       "Raise --deadline, or split the run with --shard K/N."},
      {"link/excluded", Severity::Note, "Link not checked",
       "The URL is excluded: a reserved example host or a configured exclusion.", "Nothing to do."},
      {"linkrot/broken", Severity::Error, "Link broken for several runs",
       "The link failed in N consecutive scheduled runs (linkrot.failures_to_broken, default 3).",
       "Fix or remove the link."},
      {"linkrot/newly-broken", Severity::Warning, "Link failed for the first time",
       "The link failed this run after working; one failure may be a passing outage.",
       "Nothing yet: it becomes linkrot/broken if it keeps failing."},
      {"linkrot/flaky", Severity::Warning, "Link fails on and off",
       "The link failed fewer than N runs in a row, or again soon after recovering.",
       "Watch it; check the site's reliability."},
      {"linkrot/recovered", Severity::Note, "Link works again",
       "The link failed in the previous run and works now.", "Nothing to do."},
      {"linkrot/blocked", Severity::Warning, "A bot wall or rate limit answered",
       "The site answered with a bot protection page or rate limiting; the link's state is "
       "unknown this run.",
       "Check the link in a browser; exclude the host if it always blocks."},
      {"image/unknown-size", Severity::Note, "Image does not state its size",
       "The image header does not contain its size (e.g. a JPEG whose height comes later).",
       "Nothing to do unless the declared size is wrong."},
      {"image/outside-site", Severity::Error, "Image path leaves the site",
       "The image path escapes the site root (with '..' or a symlink); verity refuses to open it.",
       "Use a path inside the site."},
  };
  return k_rules;
}

RuleInfo rule_info(std::string_view id) {
  for (const auto& r : all_rules()) {
    if (r.id == id) {
      return r;
    }
  }
  if (id.rfind("schema/", 0) == 0) {
    return {id, Severity::Error, "Front matter violates the collection schema",
            "A JSON Schema keyword of the collection schema is not satisfied.",
            "Fix the value as the message says; see the collection schema."};
  }
  return {id, Severity::Error, "verity finding", "A problem verity found.", "See the message."};
}

} // namespace verity::report
