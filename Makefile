# Gossip Glomers in Java. `make` builds everything and runs every challenge through the bench;
# `make test` runs the test suite. MAELSTROM=/path/to/maelstrom runs the real Maelstrom instead.

SHELL := /bin/bash
# A failing Maven must fail its recipe even when its output goes through the colour filter.
.SHELLFLAGS := -o pipefail -c

# The nodes need JDK 25 (AOT cache); the default `java` here is 17, so find one.
JDK25 := $(shell for d in "$$JAVA_HOME" /usr/lib/jvm/*25* /usr/lib/jvm/*; do \
	  [ -x "$$d/bin/java" ] && "$$d/bin/java" -version 2>&1 | grep -q 'version "25' && { echo "$$d"; break; }; \
	done)
ifeq ($(JDK25),)
$(error No JDK 25 found: set JAVA_HOME to one, or install Temurin 25 under /usr/lib/jvm)
endif
export JAVA_HOME := $(JDK25)
JAVA := $(JDK25)/bin/java
MVN := mvn -B -q -ntp
# Maven 3.8 prints colour resets even in batch mode; keep the build's output plain text.
PLAIN := 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'

BIN := solutions/target/bin
BENCH := harness/target/bin/maelstrom
MAELSTROM ?= $(BENCH)
# Where scripts/challenge records each target's row, and extra flags for every challenge run
# (`make sim` passes --sim; see sim and sim-vs-process below).
ROWS ?= store/challenges
TEST_FLAGS ?=
export ROWS

# Challenges with a solution, in the order `make` runs them, and those still to come.
CHALLENGES := echoer unique-id snb mnb ftb eb-one eb-two goc sn-kafka mn-kafka e-kafka \
	sn-tat tarut tarut-partition tarct lin-kv lin-kv-latency txn-list-append txn-list-append-5

.PHONY: all build test clean summary $(CHALLENGES)

# Builds, runs every challenge (carrying on past failures), prints the table, fails if any failed.
all: build
	@rm -rf $(ROWS)
	@failed=0; for t in $(CHALLENGES); do $(MAKE) --no-print-directory $$t || failed=1; done; \
	  $(MAKE) --no-print-directory summary; exit $$failed

# Rebuilt only when a source, pom or build script changed since the last build. The list of
# sources is kept too: a deleted or renamed source changes no file's time, yet its classes and
# generated dispatcher would linger in the jars, so then the build starts from clean.
BUILT := solutions/target/.built
SOURCES := $(sort $(shell find annotations processor runtime solutions harness -path '*/src/main/*' -type f 2>/dev/null) \
	$(wildcard pom.xml */pom.xml scripts/node-launchers scripts/bench-launcher))
SOURCE_LIST := .build/sources
BUILT_LIST := solutions/target/.built-sources
# Each make writes its own temporary list: two makes started at once (scripts/test-make-targets)
# once shared one, and a make that compared it half-written took it for a change and rebuilt.
$(shell mkdir -p .build && new=$(SOURCE_LIST).new.$$$$ && printf '%s\n' $(SOURCES) > $$new && \
	{ cmp -s $$new $(SOURCE_LIST) && rm $$new || mv $$new $(SOURCE_LIST); })

build: $(BUILT)

$(BUILT): $(SOURCES) $(SOURCE_LIST)
	@if [ -f $(BUILT_LIST) ] && [ -n "$$(comm -23 $(BUILT_LIST) $(SOURCE_LIST))" ]; then \
	  echo "build: sources were deleted or renamed since the last build; building from clean"; \
	  $(MVN) clean $(PLAIN); fi
	$(MVN) -DskipTests install $(PLAIN)
	@scripts/node-launchers "$(JAVA)"
	@scripts/bench-launcher "$(JAVA)"
	@cp $(SOURCE_LIST) $(BUILT_LIST)
	@touch $@

# Unit, golden-file and runtime tests, then every challenge through the bench in short runs.
test:
	$(MVN) install $(PLAIN)
	@scripts/test-report
	@$(MAKE) --no-print-directory test-browser
	@scripts/node-launchers "$(JAVA)"
	@scripts/bench-launcher "$(JAVA)"
	@touch $(BUILT)
	@JAVA="$(JAVA)" scripts/test-maelstrom-override
	@JAVA="$(JAVA)" scripts/test-make-targets
	@scripts/check-build-forgets
	@$(MAKE) --no-print-directory smoke

# `make test` while 4 busy processes compete for the CPUs (BUSY=n for another count), to catch tests
# that depend on how fast a JVM starts or a node answers; the script kills the busy ones however it ends.
.PHONY: test-under-load
test-under-load:
	@scripts/test-under-load "$(MAKE)"

# The run report in headless Chromium (Selenium), apart from the unit tests; skipped with a message
# where Debian's chromium and chromium-driver are not installed (.ci/run installs them).
.PHONY: test-browser
test-browser:
	$(MVN) -pl harness surefire:test -Pbrowser $(PLAIN)
	@scripts/test-report "browser tests" "*InBrowserTest"

# Every challenge's full command in simulation (about two minutes), then one short process-mode run
# per workload, so the stdio path between the bench and real node processes stays covered too.
# The process runs' latencies are wall time and grow with the machine's load, so they set no
# latency limits: `make sim` checks those on virtual time. Likewise they wait for init as an event
# (up to 120 s), not Maelstrom's 10 s: 25 node JVMs on a busy machine can take longer to start.
SMOKE := smoke-echo smoke-unique-ids smoke-eb smoke-goc smoke-e-kafka smoke-tarct smoke-lin-kv \
	smoke-datomic
.PHONY: smoke
smoke: build
	@$(MAKE) --no-print-directory sim
	@rm -rf store/challenges-smoke
	@failed=0; export ROWS=store/challenges-smoke; \
	export BENCH_JAVA_OPTS="$$BENCH_JAVA_OPTS -Dglomers.harness.init-timeout-ms=120000"; \
	$(CHALLENGE) smoke-echo -- -w echo --bin $(BIN)/echo --node-count 1 --time-limit 3 || failed=1; \
	$(CHALLENGE) smoke-unique-ids -- -w unique-ids --bin $(BIN)/unique-ids --time-limit 5 --rate 1000 \
	  --node-count 3 --availability total --nemesis partition --nemesis-interval 1 || failed=1; \
	$(CHALLENGE) smoke-eb --max-msgs-per-op 30 -- -w broadcast \
	  --bin $(BIN)/broadcast --node-count 25 --time-limit 5 --rate 100 --latency 100 || failed=1; \
	$(CHALLENGE) smoke-goc -- -w g-counter --bin $(BIN)/g-counter --node-count 3 --rate 100 --time-limit 5 \
	  --nemesis partition --nemesis-interval 1 --seq-kv-staleness oldest || failed=1; \
	$(CHALLENGE) smoke-e-kafka -- $(KAFKA) --bin $(BIN)/kafka --node-count 2 --time-limit 6 \
	  --nemesis partition --nemesis-interval 1 || failed=1; \
	$(CHALLENGE) smoke-tarct -- $(TXN) --node-count 2 --time-limit 6 --consistency-models read-committed \
	  --availability total --nemesis partition --nemesis-interval 1 || failed=1; \
	$(CHALLENGE) smoke-lin-kv -- $(LIN_KV) --node-count 3 --time-limit 5 --nemesis partition \
	  --nemesis-interval 1 || failed=1; \
	$(CHALLENGE) smoke-datomic -- $(LIST_APPEND) --node-count 2 --time-limit 6 --rate 100 \
	  --nemesis partition --nemesis-interval 1 || failed=1; \
	scripts/summary $(SMOKE); exit $$failed

# Every challenge again with each node a solution instance inside the bench on virtual time
# (test --sim): the same commands, checkers and table as `make`, in about two minutes.
.PHONY: sim
sim: build
ifneq ($(MAELSTROM),$(BENCH))
	$(error make sim needs this project's bench: real Maelstrom has no --sim)
endif
	@start=$$(date +%s%N); status=0; \
	  $(MAKE) --no-print-directory all TEST_FLAGS=--sim ROWS=store/challenges-sim || status=1; \
	  echo "sim: every challenge in $$(( ($$(date +%s%N) - start) / 1000000 )) ms of wall time"; exit $$status

# Seed search in simulation: SEEDS seeds of each broadcast, counter, kafka and txn challenge under
# partitions, with uniform and with exponential latency; lists any failing seed to replay.
SEEDS ?= 500
SEARCH = $(BENCH) test --sim --runs $(SEEDS) --seed 1 --nemesis partition
.PHONY: sim-search
sim-search: build
	@failed=0; for dist in uniform exponential; do \
	  echo "== broadcast (eb), $$dist latency"; \
	  $(SEARCH) --latency-dist $$dist --latency 100 -w broadcast --bin $(BIN)/broadcast --node-count 25 \
	    --time-limit 20 --rate 100 || failed=1; \
	  echo "== g-counter, $$dist latency"; \
	  $(SEARCH) --latency-dist $$dist --latency 10 -w g-counter --bin $(BIN)/g-counter --node-count 3 \
	    --time-limit 20 --rate 100 || failed=1; \
	  echo "== kafka (e-kafka), $$dist latency"; \
	  $(SEARCH) --latency-dist $$dist --latency 10 $(KAFKA) --bin $(BIN)/kafka --node-count 2 --time-limit 20 || failed=1; \
	  echo "== txn (tarct), $$dist latency"; \
	  $(SEARCH) --latency-dist $$dist --latency 10 $(TXN) --node-count 2 --time-limit 20 \
	    --consistency-models read-committed --availability total || failed=1; \
	done; exit $$failed

# Both modes on every challenge with the same seed (so the same nemesis schedule and op stream),
# side by side: the verdicts must agree and servers msgs-per-op stay within 10 %. About ten minutes.
SEED ?= 1
.PHONY: sim-vs-process
sim-vs-process: build
	@$(MAKE) --no-print-directory all ROWS=store/challenges-process TEST_FLAGS="--seed $(SEED)" || true
	@$(MAKE) --no-print-directory all ROWS=store/challenges-sim TEST_FLAGS="--sim --seed $(SEED)" || true
	@scripts/compare-modes store/challenges-process store/challenges-sim $(SUMMARY)

# --- challenges (commands from the Gossip Glomers pages) ---------------------------------------

CHALLENGE = JAVA="$(JAVA)" MAELSTROM="$(MAELSTROM)" TEST_FLAGS="$(TEST_FLAGS)" scripts/challenge
# Our goal for a challenge, judged on that challenge's own run: $(call GOAL,row,challenge) limits...
GOAL = JAVA="$(JAVA)" scripts/goal $(1) $(2)
# The folder of a challenge's own run (scripts/challenge writes it), never store/latest: a run
# started meanwhile, in another shell or by a second make, moves that one.
RUN = "$$(cat $(ROWS)/$(1).run 2>/dev/null)"
# `make TARGET SOLUTION=name` runs the launcher solutions/target/bin/name (the class annotated
# @Solution("name")) instead of the target's own: $(call SOL,default) is the --bin to use.
SOLUTION ?=
SOL = $(BIN)/$(or $(SOLUTION),$(1))

# Each challenge's command is CMD.<target>, so that `make faults` runs the very same one.
CMD.echoer = -w echo --bin $(call SOL,echo) --node-count 1 --time-limit 10
CMD.unique-id = -w unique-ids --bin $(call SOL,unique-ids) --time-limit 30 --rate 1000 \
	--node-count 3 --availability total --nemesis partition
CMD.snb = -w broadcast --bin $(call SOL,broadcast) --node-count 1 --time-limit 20 --rate 10
CMD.mnb = -w broadcast --bin $(call SOL,broadcast) --node-count 5 --time-limit 20 --rate 10
CMD.ftb = -w broadcast --bin $(call SOL,broadcast) --node-count 5 --time-limit 20 --rate 10 --nemesis partition

echoer unique-id snb mnb ftb: build
	@$(CHALLENGE) $@ -- $(CMD.$@)

EFFICIENT_BROADCAST = -w broadcast --bin $(call SOL,broadcast) --node-count 25 --time-limit 20 --rate 100 --latency 100
CMD.eb-one = $(EFFICIENT_BROADCAST)

# 3d: Fly.io's limits, our own goal (reported, not enforced), and correctness under partitions.
eb-one: build
	@$(CHALLENGE) $@ --max-msgs-per-op 30 --max-median-ms 400 --max-max-ms 600 -- $(EFFICIENT_BROADCAST)
	@echo "== eb-one against our goal (servers msgs-per-op 2.0, median 300 ms, max 450 ms; reported, not enforced):"
	@$(call GOAL,eb-goal,eb-one) --max-msgs-per-op 2.0 --max-median-ms 300 --max-max-ms 450 || true
	@$(CHALLENGE) eb-one-partition -- $(EFFICIENT_BROADCAST) --nemesis partition

eb-two: build
	@$(CHALLENGE) $@ --max-msgs-per-op 20 --max-median-ms 1000 --max-max-ms 2000 -- $(EFFICIENT_BROADCAST)

# 4, then (on our bench only) once more with seq-kv serving the stalest version it legally may, so a
# node that reads without first moving to the newest version fails every time, not by luck.
CMD.goc = -w g-counter --bin $(call SOL,g-counter) --node-count 3 --rate 100 --time-limit 20 --nemesis partition
CMD.goc-oldest = $(CMD.goc) --seq-kv-staleness oldest

goc: build
	@$(CHALLENGE) $@ -- $(CMD.goc)
ifeq ($(MAELSTROM),$(BENCH))
	@$(CHALLENGE) goc-oldest -- $(CMD.goc-oldest)
endif

KAFKA := -w kafka --concurrency 2n --rate 1000

# 5a and 5c run the efficient solution (one owner per key); 5b the one that keeps offsets in lin-kv.
CMD.sn-kafka = $(KAFKA) --bin $(call SOL,kafka) --node-count 1 --time-limit 20
CMD.mn-kafka = $(KAFKA) --bin $(call SOL,kafka-lin-kv) --node-count 2 --time-limit 20
CMD.e-kafka = $(KAFKA) --bin $(call SOL,kafka) --node-count 2 --time-limit 20

sn-kafka: build
	@$(CHALLENGE) $@ -- $(CMD.$@)

mn-kafka: build
	@$(CHALLENGE) $@ -- $(CMD.$@)
	@scripts/cas-conflicts $(call RUN,$@)

# 5c: valid, then our goal (reported, not enforced; Fly.io sets no number), then under partitions.
e-kafka: build
	@$(CHALLENGE) $@ -- $(CMD.e-kafka)
	@echo "== e-kafka against our goal (servers msgs-per-op under 1.0, no op failed; reported, not enforced):"
	@$(call GOAL,e-kafka-goal,e-kafka) --max-msgs-per-op 1.0 --max-not-ok 0 || true
	@$(CHALLENGE) e-kafka-partition -- $(KAFKA) --bin $(call SOL,kafka) --node-count 2 --time-limit 20 \
	  --nemesis partition

TXN = -w txn-rw-register --bin $(call SOL,txn) --concurrency 2n --rate 1000

CMD.sn-tat = $(TXN) --time-limit 20 --node-count 1 --consistency-models read-uncommitted --availability total
CMD.tarut = $(TXN) --time-limit 20 --node-count 2 --consistency-models read-uncommitted
CMD.tarut-partition = $(CMD.tarut) --availability total --nemesis partition
CMD.tarct = $(TXN) --time-limit 20 --node-count 2 --consistency-models read-committed \
	--availability total --nemesis partition

sn-tat tarut tarut-partition: build
	@$(CHALLENGE) $@ -- $(CMD.$@)

# 6c, then our goal: servers msgs-per-op 0.1, median latency 5 ms, no failed txn (reported).
tarct: build
	@$(CHALLENGE) $@ -- $(CMD.tarct)
	@echo "== tarct against our goal (servers msgs-per-op under 0.1, median under 5 ms, no txn failed; reported, not enforced):"
	@$(call GOAL,tarct-goal,tarct) --max-msgs-per-op 0.1 --max-median-ms 5 --max-not-ok 0 || true

# Not a Gossip Glomers challenge: Maelstrom's Raft chapter, a linearizable KV store (solutions/.../raft/).
# Under partitions, then our goal (reported, not enforced): servers msgs-per-op at most 10, and at least
# 90 % of the ops that ran wholly outside partitions served (ok, or a definite 20 or 22 from the store).
LIN_KV = -w lin-kv --bin $(call SOL,raft) --concurrency 2n --rate 100

CMD.lin-kv = $(LIN_KV) --node-count 5 --time-limit 30 --nemesis partition

lin-kv: build
	@$(CHALLENGE) $@ -- $(CMD.lin-kv)
	@echo "== lin-kv against our goal (servers msgs-per-op at most 10, 90 % served outside partitions; reported, not enforced):"
	@$(call GOAL,lin-kv-goal,lin-kv) --max-msgs-per-op 10 || true
	@scripts/served-outside-partitions $(call RUN,lin-kv) --min 90 --row $(ROWS)/lin-kv-goal.tsv || true

lin-kv-latency: build
	@$(CHALLENGE) $@ -- $(LIN_KV) --node-count 3 --time-limit 30 --latency 50

# Strict-serializable list-append txns on any node (Maelstrom's tutorial, chapter 5, "Datomic"):
# thunks in lww-kv under one root in lin-kv; after each run, the share of txns that ended ok and the
# nodes' commit figures (batches, CAS conflicts, thunk reads).
LIST_APPEND = -w txn-list-append --bin $(call SOL,datomic) --concurrency 2n --consistency-models strict-serializable

CMD.txn-list-append = $(LIST_APPEND) --time-limit 20 --node-count 2 --rate 100 --nemesis partition
CMD.txn-list-append-5 = $(LIST_APPEND) --time-limit 20 --node-count 5 --rate 500 --nemesis partition

txn-list-append: build
	@$(CHALLENGE) $@ -- $(CMD.$@)
	@scripts/ok-share $(call RUN,$@)
	@scripts/datomic-stats $(call RUN,$@)

# The same on 5 nodes at 500 txns/s, then our goal without partitions (reported, not enforced): at
# least 95 % of txns ok and a median latency under 20 ms with --latency 0.
txn-list-append-5: build
	@$(CHALLENGE) $@ -- $(CMD.$@)
	@scripts/ok-share $(call RUN,$@)
	@scripts/datomic-stats $(call RUN,$@)
	@echo "== txn-list-append-5 against our goal without partitions (95 % of txns ok, median under 20 ms; reported, not enforced):"
	@$(CHALLENGE) txn-list-append-goal --max-median-ms 20 -- $(LIST_APPEND) --time-limit 20 --node-count 5 \
	  --rate 500 --latency 0 || true
	@scripts/ok-share $(call RUN,txn-list-append-goal) 95 || true
	@scripts/datomic-stats $(call RUN,txn-list-append-goal)

# Each challenge's command under --nemesis partition,kill,pause, in simulation over FAULT_SEEDS seeds
# (scripts/fault-row). Rows whose acknowledged state lives in Maelstrom's services take Maelstrom's
# kill targets, any nodes at all; those that keep it on the nodes at most a minority down at once.
# A row given --may-fail is EXPECTED FAIL, with the reason, when a seed fails. Exits 1 if any other
# row fails.
FAULT_SEEDS ?= 20
FAULT = MAELSTROM="$(MAELSTROM)" SEEDS=$(FAULT_SEEDS) SEED=$(SEED) scripts/fault-row
FAULT_ROWS ?= store/faults
export FAULT_ROWS
FAULT_TABLE := echoer unique-id snb mnb ftb eb-one goc goc-oldest sn-kafka mn-kafka e-kafka sn-tat tarut \
	tarut-partition tarct lin-kv txn-list-append txn-list-append-5
ONE_NODE = --may-fail "one node: a kill loses everything it held, and nothing else holds it"

.PHONY: faults
faults: build
ifneq ($(MAELSTROM),$(BENCH))
	$(error make faults needs this project's bench: it runs in simulation, which real Maelstrom has not)
endif
	@rm -rf $(FAULT_ROWS); start=$$(date +%s); \
	$(FAULT) echoer all -- $(CMD.echoer); \
	$(FAULT) unique-id all -- $(CMD.unique-id); \
	$(FAULT) snb all $(ONE_NODE) -- $(CMD.snb); \
	$(FAULT) mnb one,minority -- $(CMD.mnb); \
	$(FAULT) ftb one,minority -- $(CMD.ftb); \
	$(FAULT) eb-one one,minority -- $(CMD.eb-one); \
	$(FAULT) goc all -- $(CMD.goc); \
	$(FAULT) goc-oldest all -- $(CMD.goc-oldest); \
	$(FAULT) sn-kafka all $(ONE_NODE) -- $(CMD.sn-kafka); \
	$(FAULT) mn-kafka all -- $(CMD.mn-kafka); \
	$(FAULT) e-kafka one -- $(CMD.e-kafka); \
	$(FAULT) sn-tat all $(ONE_NODE) -- $(CMD.sn-tat); \
	$(FAULT) tarut one,minority -- $(CMD.tarut); \
	$(FAULT) tarut-partition one,minority -- $(CMD.tarut-partition); \
	$(FAULT) tarct one,minority -- $(CMD.tarct); \
	$(FAULT) lin-kv one --may-fail "Raft keeps its term, vote and log in memory, and a kill wipes them" -- $(CMD.lin-kv); \
	$(FAULT) txn-list-append all -- $(CMD.txn-list-append); \
	$(FAULT) txn-list-append-5 all -- $(CMD.txn-list-append-5); \
	scripts/fault-summary $(FAULT_TABLE); status=$$?; \
	echo "faults: $(FAULT_SEEDS) seeds a row in $$(( $$(date +%s) - start )) s of wall time"; exit $$status

SUMMARY := echoer unique-id snb mnb ftb eb-one eb-goal eb-one-partition eb-two goc goc-oldest \
	sn-kafka mn-kafka e-kafka e-kafka-goal e-kafka-partition sn-tat tarut tarut-partition tarct tarct-goal \
	lin-kv lin-kv-goal lin-kv-latency txn-list-append txn-list-append-5 txn-list-append-goal

summary:
	@scripts/summary $(SUMMARY)

clean:
	$(MVN) clean $(PLAIN)

# The bench's own cost: seconds beyond --time-limit (echo, 1 node) and its CPU share at 25 nodes.
.PHONY: bench-overhead
bench-overhead:
	@scripts/bench-overhead

# Checker speed on generated valid histories: 1,000,000 kafka ops (goal 10 s) and 100,000 txns
# under strict-serializable (goal 2 s).
.PHONY: bench-kafka-checker bench-txn-checker bench-list-append-checker
bench-kafka-checker: build
	@JAVA="$(JAVA)" scripts/bench-kafka-checker

bench-txn-checker: build
	@scripts/bench-txn-checker "$(JAVA)"

# Times the lin-kv checker: an 11,000-op partitioned run's history, 100,000 ops on one key, and a
# hard history of many concurrent :info writes; best of 5 each, wall and process CPU.
.PHONY: bench-lin-kv-checker
bench-lin-kv-checker: build
	@scripts/bench-lin-kv-checker "$(JAVA)"
# The txn-list-append checker under strict-serializable: 100,000 valid txns, then the same with 1 % stale reads.
bench-list-append-checker: build
	@scripts/bench-list-append-checker "$(JAVA)"

# How often the seq-kv trap node (reads without writing first) fails, next to a correct node and our
# g-counter, under each --seq-kv-staleness: N runs each (default 40, about 25 s a run).
.PHONY: seq-kv-trap
seq-kv-trap: build
	@scripts/seq-kv-trap $${N:-40}

# Mutation testing (PIT) of the processor's model building and of the bench's checkers and
# workloads; not part of make test (about 8 min).
.PHONY: mutation
mutation:
	mvn -B -ntp -pl annotations,processor,runtime -Pmutation test $(PLAIN) \
	  | grep -E '^>> |Generated [0-9]+ mutations|Test strength|BUILD|ERROR'
	mvn -B -ntp -pl harness -Pmutation test $(PLAIN) \
	  | grep -E '^>> |Generated [0-9]+ mutations|Test strength|BUILD|ERROR'
	@echo "reports: processor/target/pit-reports/index.html, harness/target/pit-reports/index.html"

# Startup time and peak RSS of 25 echo nodes started at once, as Maelstrom does (after `make build`).
.PHONY: bench-startup
bench-startup:
	@scripts/bench-startup "$(JAVA)"
