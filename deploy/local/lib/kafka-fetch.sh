#!/usr/bin/env bash
# Resolves the Kafka broker's runtime classpath from Maven Central into $PB_CACHE/kafka-<version>/libs.
# Skipped when the stamp file records the same kafka/pom.xml; the Maven repository lives in $PB_CACHE/m2.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

version=$(pb_kafka_version)
[[ -n $version ]] || pb_die "no <kafka.version> in $PB_LOCAL_DIR/kafka/pom.xml"
pb_lock_self "kafka-$version" "$@"

target=$(dirname "$(pb_kafka_libs_dir)")
stamp=$target/.fetched
want=$(sha256sum "$PB_LOCAL_DIR/kafka/pom.xml" | cut -d' ' -f1)
if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
  echo "Kafka $version jars cached in $target"
  exit 0
fi

echo "fetching Kafka $version jars with Maven into $target"
tmp=$target.tmp.$$
rm -rf "$tmp"
mkdir -p "$tmp"
mvn -B -ntp -f "$PB_LOCAL_DIR/kafka/pom.xml" -Dmaven.repo.local="$PB_CACHE/m2" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$tmp/libs"
[[ -f $tmp/libs/kafka_2.13-$version.jar ]] || pb_die "kafka_2.13-$version.jar missing after the Maven fetch"
rm -rf "$target"
mv "$tmp" "$target"
echo "$want" >"$stamp"
ls "$target/libs"
