# policywatch — the two commands of the quick start are `make demo` and `make test`.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
ifeq ($(CI),true)
CMAKE_FLAGS += -DPW_WERROR=ON
endif

FUZZ_BUILD_DIR ?= build-fuzz
SANITIZE_BUILD_DIR ?= build-sanitize
FUZZ_SECONDS ?= 60

.PHONY: all deps configure build test test-sanitize fuzz demo bench soak install clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS)

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)

# The whole CTest suite built with g++ AddressSanitizer + UndefinedBehaviorSanitizer
# (the policywatch binary the tests start included). A report from any process,
# children too, goes to $(SANITIZE_BUILD_DIR)/sanitizer-logs/ and fails the run.
# A test that fails is run once more (a 2-core machine under ASan is slow and
# timing-sensitive tests can miss a bound); any sanitizer report still fails.
SANITIZE_LOGS = $(abspath $(SANITIZE_BUILD_DIR))/sanitizer-logs
test-sanitize: deps
	@cmake -S . -B $(SANITIZE_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPW_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@MAKEFLAGS= cmake --build $(SANITIZE_BUILD_DIR) -j$(JOBS) -- --no-print-directory
	@rm -rf $(SANITIZE_LOGS) && mkdir -p $(SANITIZE_LOGS)
	@ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:check_initialization_order=1:log_path=$(SANITIZE_LOGS)/asan \
	  LSAN_OPTIONS=suppressions=$(abspath scripts/lsan-suppressions.txt):print_suppressions=0 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(SANITIZE_LOGS)/ubsan \
	  ctest --test-dir $(SANITIZE_BUILD_DIR) --output-on-failure --repeat until-pass:2 -j$(JOBS); rc=$$?; \
	  scripts/sanitizer-reports $(SANITIZE_LOGS) || exit 1; \
	  exit $$rc

# Every fuzz_* target (fuzz/) built with clang, libFuzzer, ASan and UBSan, each run
# for FUZZ_SECONDS; fails if any crashes (reproducers: $(FUZZ_BUILD_DIR)/fuzz-crashes/).
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPW_FUZZ=ON >/dev/null
	@MAKEFLAGS= cmake --build $(FUZZ_BUILD_DIR) -j$(JOBS) --target fuzzers -- --no-print-directory
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz $(FUZZ_BUILD_DIR)

demo: build
	@scripts/demo $(BUILD_DIR)

bench: build
	@scripts/bench $(BUILD_DIR)

install: build
	@cmake --install $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_BUILD_DIR) $(SANITIZE_BUILD_DIR)
