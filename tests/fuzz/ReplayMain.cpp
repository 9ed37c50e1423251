// Corpus replay without libFuzzer: feeds every file under the given files or
// folders, in name order, to the target's LLVMFuzzerTestOneInput once. The
// normal (gcc) test suite runs it over the committed corpus, so every input
// that once crashed a target, and every seed, is checked by CI. A broken
// invariant aborts; finding no input at all is a failure too.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

int main(int argc, char **argv)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg(argv[i]);
        if (fs::is_directory(arg)) {
            for (const auto &entry : fs::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    inputs.push_back(entry.path());
        } else if (fs::is_regular_file(arg)) {
            inputs.push_back(arg);
        } else {
            std::fprintf(stderr, "replay: %s: no such file or folder\n", argv[i]);
            return 1;
        }
    }
    if (inputs.empty()) {
        std::fprintf(stderr, "replay: no input files (usage: %s FILE|DIR...)\n", argc > 0 ? argv[0] : "replay");
        return 1;
    }
    std::sort(inputs.begin(), inputs.end());
    std::size_t bytes = 0;
    for (const fs::path &path : inputs) {
        std::ifstream in(path, std::ios::binary);
        const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (!in.good() && !in.eof()) {
            std::fprintf(stderr, "replay: %s: cannot read\n", path.c_str());
            return 1;
        }
        std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), data.size());
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(data.data()), data.size());
        bytes += data.size();
    }
    std::printf("replay: %zu inputs, %zu bytes, no invariant broken\n", inputs.size(), bytes);
    return 0;
}
