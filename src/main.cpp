// verity's executable: everything lives in verity_core; see src/cli/cli.cpp.
#include "cli/cli.hpp"

int main(int argc, char** argv) {
  return verity::cli::run(argc, argv);
}
