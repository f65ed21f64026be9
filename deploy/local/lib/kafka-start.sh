#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker (broker + controller in one JVM) on 127.0.0.1:$PB_KAFKA_PORT,
# controller listener on $PB_KAFKA_CONTROLLER_PORT, from the jars lib/kafka-fetch.sh put in the cache.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
: "${PB_KAFKA_PORT:?}" "${PB_KAFKA_CONTROLLER_PORT:?}"

libs=$(pb_kafka_libs_dir)
[[ -d $libs ]] || pb_die "no Kafka jars in $libs (run lib/kafka-fetch.sh)"
home=$PB_STATE/kafka
mkdir -p "$home/data" "$PB_PIDS" "$PB_LOGS"

# Single broker: every internal topic at replication factor 1 (the defaults of 3 never become available),
# few partitions so the coordinators load fast, and no initial rebalance delay for consumer groups in tests.
cat >"$home/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$PB_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PB_KAFKA_PORT,CONTROLLER://127.0.0.1:$PB_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PB_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$home/data
num.partitions=1
default.replication.factor=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF

# Heap 256-768m is plenty for tests. Serial GC: fewer GC threads on a 2-core machine.
jvm_opts=(-Xms256m -Xmx768m -XX:+UseSerialGC -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$PB_LOCAL_DIR/kafka/log4j2.properties"
  "-Dpatchbay.kafka.log=$PB_LOGS/kafka-server.log")

# A random Kafka cluster id (base64url of 16 bytes). One starting with '-' would be read as an option by the
# storage tool's argument parser (it happened once in 64 runs), so draw again.
cluster_id=-
while [[ $cluster_id == -* ]]; do
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
done
echo "formatting $home/data (cluster $cluster_id)"
java "${jvm_opts[@]}" -cp "$libs/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$home/server.properties"

echo "starting Kafka $(pb_kafka_version) on 127.0.0.1:$PB_KAFKA_PORT"
setsid java "${jvm_opts[@]}" -cp "$libs/*" kafka.Kafka "$home/server.properties" \
  >"$PB_LOGS/kafka-stdout.log" 2>&1 </dev/null &
echo $! >"$PB_PIDS/kafka.pid"

# Fail fast if the JVM dies instead of waiting for the readiness deadline.
until (exec 3<>"/dev/tcp/127.0.0.1/$PB_KAFKA_PORT") 2>/dev/null; do
  if ! pb_pid_alive "$PB_PIDS/kafka.pid"; then
    tail -n 20 "$PB_LOGS/kafka-stdout.log" "$PB_LOGS/kafka-server.log" 2>/dev/null || true
    pb_die "the Kafka JVM exited during startup"
  fi
  sleep 0.1
done
"$PB_NODE" --disable-warning=TimeoutNegativeWarning "$PB_LIB_DIR/readiness.mjs" kafka "127.0.0.1:$PB_KAFKA_PORT" --warm --timeout-ms=60000
echo "Kafka ready on 127.0.0.1:$PB_KAFKA_PORT"
