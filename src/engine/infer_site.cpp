#include "engine/infer_site.hpp"

#include "engine/jekyll_view.hpp"
#include "engine/load_source.hpp"
#include "engine/run_zone.hpp"
#include "engine/selection.hpp"
#include "engine/site_options.hpp"
#include "infer/schema_yaml.hpp"
#include "util/glob.hpp"
#include "util/json_merge.hpp"
#include "util/parallel.hpp"
#include "verity/check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <map>
#include <optional>
#include <set>

namespace verity::engine {
namespace {

bool is_document(const SourceFile& f) {
  return !f.data;
}

struct Group {
  InferredCollection info;
  std::vector<size_t> files; // indexes into the selection
};

std::vector<Group> group_files(const config::Config& cfg, const Selection& selection,
                               const std::vector<std::string>& selectors) {
  const std::vector<SourceFile>& files = selection.files;
  auto describe = [&](const config::Collection* c) {
    InferredCollection info;
    info.name = c->name;
    info.globs = c->paths;
    info.schema_source = c->schema_source;
    return info;
  };
  std::vector<Group> groups;
  if (selectors.empty()) {
    std::map<std::string, Group> by_name;
    for (size_t i = 0; i < files.size(); ++i) {
      const SourceFile& f = files[i];
      if (!is_document(f) || !f.collection) {
        continue;
      }
      auto [it, fresh] = by_name.try_emplace(f.collection->name);
      if (fresh) {
        it->second.info = describe(f.collection);
      }
      it->second.files.push_back(i);
    }
    for (auto& [_, g] : by_name) {
      groups.push_back(std::move(g));
    }
    return groups;
  }
  std::set<std::string> names;
  for (const SourceFile& f : files) {
    if (is_document(f) && f.collection) {
      names.insert(f.collection->name);
    }
  }
  for (const std::string& selector : selectors) {
    Group g;
    bool collection = names.count(selector) > 0;
    for (size_t i = 0; i < files.size(); ++i) {
      const SourceFile& f = files[i];
      if (!is_document(f)) {
        continue;
      }
      if (collection ? (f.collection && f.collection->name == selector)
                     : util::glob_match(selector, f.relative)) {
        if (g.files.empty()) {
          g.info = collection ? describe(f.collection) : InferredCollection{};
        }
        g.files.push_back(i);
      }
    }
    if (g.files.empty()) {
      // Declared (verity.yaml, or Jekyll's _config.yml) but holding no document.
      bool declared = selection.discovery->inventory.config.collections.count(selector) > 0 ||
                      selector == "pages" || selector == "drafts";
      for (const auto& c : cfg.collections) {
        declared = declared || c.name == selector;
      }
      if (declared) {
        throw UsageError("collection `" + selector +
                         "` has no documents to learn from: none of its files has front "
                         "matter (or it has no files): add documents, or check its `paths`");
      }
      std::string known;
      for (const auto& n : names) {
        known += (known.empty() ? "" : ", ") + n;
      }
      throw UsageError("`" + selector + "` names no collection and matches no document under " +
                       cfg.site_root.string() +
                       " (collections: " + (known.empty() ? std::string("none") : known) + ")");
    }
    if (!collection) {
      g.info.name = selector;
      g.info.globs = {selector};
      g.info.from_glob = true;
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

} // namespace

// What one thread saw of its share of the files: per group, the observations, the documents
// it could not read, and (for --explain) the documents themselves.
struct Shard {
  std::vector<infer::Observer> observers;
  std::vector<size_t> unreadable;
  std::vector<std::vector<std::string>> notes; // per group, in file order
  std::vector<std::vector<infer::Sample>> samples;
};

std::vector<InferredCollection> infer_site(const config::Config& cfg, const InferRequest& request) {
  auto t0 = std::chrono::steady_clock::now();
  auto since = [](auto t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  Selection selection = select_documents(cfg, {}, std::nullopt);
  spdlog::debug("infer: discovery {:.3f} s, {} files", since(t0), selection.files.size());
  std::vector<Group> groups = group_files(cfg, selection, request.selectors);

  // Each file once, whichever groups hold it, in file order.
  std::vector<std::vector<size_t>> groups_of(selection.files.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t i : groups[g].files) {
      groups_of[i].push_back(g);
    }
  }
  std::vector<size_t> wanted;
  for (size_t i = 0; i < groups_of.size(); ++i) {
    if (!groups_of[i].empty()) {
      wanted.push_back(i);
    }
  }
  infer::ObserveLimits limits;
  limits.max_distinct = std::max<size_t>(request.schema.enum_max, 1);
  JekyllViews jekyll(*selection.discovery, site_options_now(), cfg.site_root,
                     run_zone(cfg, selection.discovery->inventory.config)); // before threads
  unsigned jobs = request.jobs ? request.jobs : util::default_jobs();
  size_t shards = std::max<size_t>(1, std::min<size_t>(jobs, wanted.size()));
  std::vector<Shard> shard(shards);
  // Contiguous shares, observed apart and merged in order: reading and YAML dominate, and the
  // merge gives what one thread would have seen.
  util::parallel_for(shards, jobs, [&](size_t s) {
    Shard& mine = shard[s];
    for (size_t g = 0; g < groups.size(); ++g) {
      mine.observers.emplace_back(limits); // not copyable: it owns its places
    }
    mine.unreadable.assign(groups.size(), 0);
    mine.notes.resize(groups.size());
    mine.samples.resize(request.outliers ? groups.size() : 0);
    size_t begin = wanted.size() * s / shards, end = wanted.size() * (s + 1) / shards;
    for (size_t k = begin; k < end; ++k) {
      const SourceFile& src = selection.files[wanted[k]];
      Findings load_findings; // verity check reports them; inference only leaves the document out
      Document doc = load_source(src, cfg, load_findings);
      const std::vector<size_t>& in = groups_of[wanted[k]];
      // Front matter verity refuses (an alias, a custom tag, a duplicate key) reads as something
      // else than its author wrote (an alias as null): learning from it would teach that.
      bool refused = std::any_of(load_findings.begin(), load_findings.end(),
                                 [](const Finding& f) { return f.severity == Severity::Error; });
      if (refused || !doc.has_front_matter || !doc.parsed || doc.non_mapping_root ||
          !doc.data.is_object()) {
        for (size_t g : in) {
          ++mine.unreadable[g];
        }
        continue;
      }
      std::optional<DefaultValues> defaults = jekyll.defaults_of(src);
      nlohmann::json data =
          defaults ? util::deep_merge(defaults->values, doc.data) : std::move(doc.data);
      for (size_t g : in) {
        mine.observers[g].add(data);
        if (data.size() > limits.max_properties) {
          // One such document leaves its whole collection's schema without properties: say
          // which one, since the schema's comment can only say that it happened.
          mine.notes[g].push_back(src.relative + " has " + std::to_string(data.size()) +
                                  " front-matter names (more than " +
                                  std::to_string(limits.max_properties) +
                                  "): its collection's properties are not described; leave it out "
                                  "(a glob, or `ignore:` in verity.yaml) and infer again");
        }
      }
      if (request.outliers) {
        infer::Sample sample{src.relative, std::move(data), std::move(doc.map),
                             std::move(defaults)};
        for (size_t n = 0; n < in.size(); ++n) {
          if (n + 1 == in.size()) {
            mine.samples[in[n]].push_back(std::move(sample));
          } else {
            mine.samples[in[n]].push_back(sample);
          }
        }
      }
    }
  });

  spdlog::debug("infer: {} documents read and observed at {:.3f} s", wanted.size(), since(t0));
  std::vector<InferredCollection> out;
  for (size_t g = 0; g < groups.size(); ++g) {
    infer::Observer observer(limits);
    std::vector<infer::Sample> samples;
    for (Shard& sh : shard) {
      if (sh.observers.empty()) {
        continue;
      }
      observer.merge(sh.observers[g]);
      groups[g].info.unreadable += sh.unreadable[g];
      for (auto& note : sh.notes[g]) {
        groups[g].info.notes.push_back(std::move(note));
      }
      if (request.outliers) {
        std::move(sh.samples[g].begin(), sh.samples[g].end(), std::back_inserter(samples));
      }
    }
    InferredCollection& info = groups[g].info;
    info.documents = observer.documents();
    if (info.documents == 0 && info.unreadable > 0) {
      info.notes.push_back(
          "every one of its " + std::to_string(info.unreadable) +
          " documents was left out (no front matter, or front matter that does "
          "not parse or that verity refuses): no schema is learnt; `verity check` says why");
    }
    info.schema = infer::infer_schema(info.name, observer, request.schema);
    if (request.outliers) {
      info.outliers = infer::find_outliers(observer, samples, request.outlier_options);
    }
    out.push_back(std::move(info));
  }
  spdlog::debug("infer: schemas inferred at {:.3f} s", since(t0));
  return out;
}

std::string schema_file_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || (c == '.' && !out.empty());
    out += safe ? c : '_';
  }
  if (out.size() > 100) {
    out.resize(100);
  }
  return (out.empty() ? std::string("collection") : out) + ".schema.yaml";
}

std::string unique_schema_file_name(const std::string& name, std::set<std::string>& taken) {
  std::string file = schema_file_name(name);
  // The suffix goes after the cut to 100 bytes, so two long names that share their start still
  // get two files (a suffix inside the name would be cut off again, forever).
  std::string base = file.substr(0, file.size() - std::string_view(".schema.yaml").size());
  for (int n = 2; taken.count(file) > 0; ++n) {
    file = base + "-" + std::to_string(n) + ".schema.yaml";
  }
  taken.insert(file);
  return file;
}

std::string schema_file_text(const InferredCollection& c, const infer::InferOptions& options,
                             const std::string& file) {
  std::vector<std::string> header;
  std::string globs;
  for (const auto& g : c.globs) {
    globs += (globs.empty() ? "" : ", ") + g;
  }
  header.push_back("Inferred by `verity schema infer` from " + std::to_string(c.documents) +
                   " documents of " +
                   (c.from_glob ? "the files matching " + globs
                                : "collection `" + c.name + "`" +
                                      (globs.empty() ? " (Jekyll's own)" : " (" + globs + ")")));
  if (c.unreadable > 0) {
    header.push_back(std::to_string(c.unreadable) +
                     " more left out: no front matter, or front matter that does not parse or that "
                     "verity refuses "
                     "(`verity check` says why)");
  }
  header.push_back("Beside each property: present in N/M (the documents, or objects, that have "
                   "it), then each JSON type's count.");
  std::string ratio =
      options.required_ratio >= 1.0
          ? std::string("in every one")
          : "in at least " + std::to_string(static_cast<int>(options.required_ratio * 100 + 0.5)) +
                "% of them";
  header.push_back("required: present " + ratio +
                   "; format: every string passes it; enum: at "
                   "most " +
                   std::to_string(options.enum_max) +
                   " distinct strings, each 3 times on average.");
  header.push_back("Review it, save it as schemas/" + file + " and name it in verity.yaml:");
  if (c.from_glob) {
    header.push_back("  collections: {NAME: {paths: [" + infer::yaml_scalar(c.name) +
                     "], schema: schemas/" + file + "}}");
  } else {
    header.push_back("  collections: {" + infer::yaml_scalar(c.name) + ": {schema: schemas/" +
                     file + "}}");
  }
  return infer::to_yaml(c.schema, header);
}

} // namespace verity::engine
