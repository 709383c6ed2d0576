#include "engine/init_site.hpp"

#include "infer/schema_yaml.hpp"
#include "site/entry_filter.hpp"
#include "site/site_config.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "verity/check.hpp"

#include <set>

namespace verity::engine {
namespace fs = std::filesystem;
namespace {

constexpr std::uint64_t k_max_existing_bytes = 16u << 20;

// The file there now; UsageError for one init must not replace (a link, a folder, a device).
std::optional<std::string> existing_file(const fs::path& root, const std::string& relative) {
  std::error_code ec;
  fs::path path = root / relative;
  // Never read through a linked folder: what it points at may lie outside the site.
  if (fs::path dir = fs::path(relative).parent_path(); !dir.empty()) {
    fs::file_type t = fs::symlink_status(root / dir, ec).type();
    if (t == fs::file_type::not_found) {
      return std::nullopt;
    }
    if (t != fs::file_type::directory) {
      throw UsageError(dir.string() + " exists and is not a folder (a link, a file...): init "
                                      "writes only inside the site; move it away first");
    }
  }
  fs::file_status st = fs::symlink_status(path, ec);
  if (st.type() == fs::file_type::not_found) {
    return std::nullopt;
  }
  if (st.type() != fs::file_type::regular) {
    throw UsageError(relative + " exists and is not a regular file (a link, a folder...): init "
                                "writes only regular files; move it away first");
  }
  util::ReadResult r = util::read_file(path, k_max_existing_bytes);
  if (r.status != util::ReadResult::Status::Ok) {
    throw UsageError(relative + " exists and cannot be read" +
                     (r.error.empty() ? std::string() : ": " + r.error));
  }
  return std::move(r.bytes);
}

// Jekyll copies every file it does not exclude into _site: say so for the files init adds.
void publishing_notes(const fs::path& root, InitPlan& plan) {
  std::vector<site::ConfigProblem> problems;
  std::error_code ec;
  fs::path real = fs::canonical(root, ec);
  site::SiteConfig site = site::load_site_config(root, ec ? root : real, problems);
  site::EntryFilter filter(site);
  std::vector<std::string> published;
  if (filter.verdict("verity.yaml", "verity.yaml", false) == site::FilterVerdict::Keep) {
    published.emplace_back("verity.yaml");
  }
  if (filter.verdict("schemas", "schemas", true) == site::FilterVerdict::Keep) {
    published.emplace_back("schemas");
  }
  if (!published.empty()) {
    std::string list;
    for (const auto& p : published) {
      list += (list.empty() ? "" : ", ") + p;
    }
    plan.notes.push_back("Jekyll will copy " + list +
                         " into _site as static files: add them to "
                         "`exclude:` in _config.yml to keep them out of the published site");
  }
}

std::string verity_yaml(const InitPlan& plan,
                        const std::vector<std::pair<std::string, std::string>>& schema_files) {
  std::string out =
      "# Written by `verity init`. It layers over the built-in profile named by `extends` (" +
      plan.profile_reason +
      "):\n"
      "# mappings merge, lists replace, `collections: {NAME: null}` removes one.\n"
      "# Each schema was inferred from the collection's documents: review it and tighten it.\n"
      "# A collection without `paths` is the one Jekyll itself has by that name.\n";
  out += "version: 1\nextends: " + plan.profile + "\n";
  if (schema_files.empty()) {
    return out;
  }
  out += "collections:\n";
  for (size_t i = 0; i < schema_files.size(); ++i) {
    const InferredCollection& c = plan.collections[i];
    out += "  " + infer::yaml_scalar(schema_files[i].first) + ":\n";
    out += "    schema: " + infer::yaml_scalar(schema_files[i].second) + " # " +
           std::to_string(c.documents) + " documents\n";
  }
  return out;
}

} // namespace

InitPlan plan_init(const fs::path& root, const infer::InferOptions& options, unsigned jobs) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    throw UsageError(root.string() + " is not a folder");
  }
  config::Config cfg = config::load_config({}, root);
  InitPlan plan;
  plan.profile = cfg.profile;
  plan.profile_reason = cfg.profile_reason;
  InferRequest request;
  request.schema = options;
  request.jobs = jobs;
  for (InferredCollection& c : infer_site(cfg, request)) {
    for (const auto& note : c.notes) {
      plan.notes.push_back("collection " + c.name + ": " + note);
    }
    if (c.documents > 0 && c.name != "data") {
      plan.collections.push_back(std::move(c));
    }
  }
  std::vector<std::pair<std::string, std::string>> schema_files; // name, schemas/FILE
  std::set<std::string> taken;
  for (const InferredCollection& c : plan.collections) {
    std::string file = unique_schema_file_name(c.name, taken);
    std::string relative = "schemas/" + file;
    plan.files.push_back(
        {relative, schema_file_text(c, options, file), existing_file(root, relative)});
    schema_files.emplace_back(c.name, relative);
  }
  plan.files.push_back(
      {"verity.yaml", verity_yaml(plan, schema_files), existing_file(root, "verity.yaml")});
  publishing_notes(root, plan);
  return plan;
}

void write_init(const fs::path& root, const InitPlan& plan) {
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  if (ec) {
    throw RunError("cannot resolve the site folder " + root.string() + ": " + ec.message());
  }
  for (const InitFile& f : plan.files) {
    fs::path target = real_root / f.relative;
    fs::path parent = target.parent_path();
    fs::file_status st = fs::symlink_status(parent, ec);
    if (st.type() == fs::file_type::not_found) {
      if (!fs::create_directory(parent, ec) || ec) {
        throw RunError("cannot create " + parent.string() + ": " + ec.message());
      }
    } else if (st.type() != fs::file_type::directory) {
      throw RunError(parent.string() + " is not a folder (a link or a file): init writes only "
                                       "inside the site, never through a link");
    }
    std::optional<fs::path> inside = util::resolve_inside(real_root, real_root, parent);
    if (!inside || *inside != parent) {
      throw RunError(parent.string() + " leaves the site folder: nothing written there");
    }
    if (fs::symlink_status(target, ec).type() == fs::file_type::symlink) {
      throw RunError(target.string() + " is a symbolic link: init does not write through links");
    }
    try {
      util::write_file_atomic(target, f.content);
    } catch (const std::runtime_error& e) {
      throw RunError(e.what());
    }
  }
}

} // namespace verity::engine
