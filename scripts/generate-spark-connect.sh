#!/usr/bin/env bash
# Regenerates Sources/SparkConnect/Proto/spark_connect.pb.swift from our subset of the Spark Connect protocol.
# Needs protoc (Debian: protobuf-compiler) and protoc-gen-swift built from the swift-protobuf package this
# project resolves (swift build -c release --product protoc-gen-swift in a checkout of it). CI never runs this:
# the generated file is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
if [[ -z "$plugin" || ! -x "$plugin" ]]; then
  echo "generate-spark-connect: set PROTOC_GEN_SWIFT to a protoc-gen-swift binary (swift-protobuf 1.39 or later)" >&2
  exit 1
fi
command -v protoc > /dev/null || { echo "generate-spark-connect: protoc is not installed" >&2; exit 1; }
proto_dir=Sources/SparkConnect/Proto
protoc --plugin=protoc-gen-swift="$plugin" \
  --swift_opt=Visibility=Public --swift_opt=FileNaming=DropPath \
  --proto_path="$proto_dir" --swift_out="$proto_dir" \
  "$proto_dir/spark_connect.proto"
echo "generated $proto_dir/spark_connect.pb.swift"
