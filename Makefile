# Fenqun: the two commands a newcomer needs are `make run` and `make test`.
MVNW := ./mvnw -B
RUNNER_JAR := suite-runner/target/suite-runner.jar

.PHONY: run test build token fmt bench-import bench-segments bench-gateway bench-campaign

## Build everything and start the suite on an embedded PostgreSQL (Ctrl-C stops it).
run: build
	java -jar $(RUNNER_JAR) run

## Every test of every module, each service against a real embedded PostgreSQL; checks formatting too.
test:
	$(MVNW) verify

build:
	$(MVNW) -q -DskipTests -Dspotless.check.skip=true package

## A development JWT: make token ROLE=admin [USER_ID=someone]
token: $(RUNNER_JAR)
	@java -jar $(RUNNER_JAR) token $(ROLE) $(USER_ID)

$(RUNNER_JAR):
	$(MVNW) -q -DskipTests -Dspotless.check.skip=true -pl suite-runner package

## Format the Java sources the way `make test` checks them.
fmt:
	$(MVNW) -q spotless:apply

## Import throughput: 1,000,000 order rows through the service vs a raw COPY of the same rows.
bench-import:
	$(MVNW) -q -pl customer-profile-service -am verify -Dspotless.check.skip=true \
	  -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx3g

## Segment recompute over 1,000,000 customers / ~10,000,000 orders vs one hand-written RFM statement; event latency.
bench-segments:
	$(MVNW) -q -pl segment-service -am verify -Dspotless.check.skip=true \
	  -Dtest=SegmentBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx3g

## Gateway overhead: GET /api/v1/customers/{id} through the gateway and straight to a real profile
## service, side by side; prints throughput, p50/p99 and the ratios (targets: >= 0.8x, < 1 ms at p50).
bench-gateway:
	$(MVNW) -q -DskipTests -Dspotless.check.skip=true -pl customer-profile-service -am package
	$(MVNW) -q -pl gateway verify -Dspotless.check.skip=true \
	  -Dtest=GatewayBenchmark -Dsurefire.failIfNoSpecifiedTests=false

## Campaign fan-out to a 1,000,000-member segment with consent and cap checks, next to plain inserts
## of the same delivery rows (target: >= 10,000 messages/s).
bench-campaign:
	$(MVNW) -q -pl campaign-service -am verify -Dspotless.check.skip=true \
	  -Dtest=CampaignBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx2g
