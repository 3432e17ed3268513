# Gossip Glomers in Java. `make` builds everything and runs every challenge through the bench;
# `make test` runs the test suite. MAELSTROM=/path/to/maelstrom runs the real Maelstrom instead.

SHELL := /bin/bash

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

BIN := solutions/target/bin
NODES_JAR := solutions/target/nodes.jar
NODES_AOT := solutions/target/nodes.aot
BENCH := harness/target/bin/maelstrom
MAELSTROM ?= $(BENCH)

.PHONY: all build test clean

build:
	$(MVN) -DskipTests install
	@scripts/node-launchers "$(JAVA)"
	@scripts/bench-launcher "$(JAVA)"

test:
	$(MVN) install

clean:
	$(MVN) clean

# The bench's own cost: seconds beyond --time-limit (echo, 1 node) and its CPU share at 25 nodes.
.PHONY: bench-overhead
bench-overhead:
	@scripts/bench-overhead
