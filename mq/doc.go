// Package mq tests tracewire's message-queue carriers end to end, over a
// real broker: an embedded NATS server (github.com/nats-io/nats-server/v2)
// started on a loopback port, a publisher that injects a trace context
// into a message's headers with github.com/nats-io/nats.go, and a
// subscriber in another connection that extracts it and continues the
// trace.
//
// It is a nested module, with its own go.mod, so that the broker and its
// client are requirements of these tests only: the core module keeps
// requiring nothing but go-cmp, and a program that uses tracewire's
// carriers links neither. The carriers themselves live in the core, in
// package carrier, and import no client either:
//
//   - carrier.NATSHeader for nats.Header (and any map[string][]string
//     whose keys keep their case);
//   - carrier.KafkaHeadersOf, SaramaHeadersOf and SaramaHeaderPtrsOf for
//     the header lists of kafka-go, confluent-kafka-go, franz-go and
//     sarama;
//   - carrier.Packed for the whole context in one attribute, within
//     Amazon SQS's ten.
//
// The module is named for message queues rather than for NATS because
// tests over other brokers belong here too, and because a package named
// nats would shadow the client's own package name in every file that
// imports both.
//
// The package has no API; its tests and its example are its content.
package mq
