package carrier

// KafkaHeader is the header record of most Kafka clients: a string key
// and a []byte value. segmentio/kafka-go's kafka.Header,
// confluent-kafka-go's kafka.Header and franz-go's kgo.RecordHeader all
// have exactly this shape, so they satisfy the constraint without this
// package importing any of them.
type KafkaHeader interface {
	~struct {
		Key   string
		Value []byte
	}
}

// SaramaHeader is the header record of IBM/sarama, sarama.RecordHeader,
// whose key is a []byte as well.
type SaramaHeader interface {
	~struct {
		Key   []byte
		Value []byte
	}
}

// KafkaHeaders adapts a Kafka message's header list, a []H of key/value
// records such as kafka-go's Message.Headers, confluent-kafka-go's
// Message.Headers or franz-go's Record.Headers. Make one with
// KafkaHeadersOf.
//
// A header list is not a map: a key may appear in several records, in an
// order the producer chose, and Kafka compares keys exactly. Get returns
// the value of the first record whose key matches, Values every matching
// value in record order, and Keys every record's key, repeats included.
// Keys are matched ASCII case-insensitively, as every tracing header name
// is, so a producer that wrote "Traceparent" is understood; Set writes
// the lowercase name a propagator gives it, as the W3C specifications
// ask.
//
// Reading never writes. Get allocates nothing for an absent key, and for
// a present one only the string it returns (a []byte value cannot become
// a string without a copy); Values allocates its slice and one string
// per value. Propagators read through Values, so extracting a traceparent
// costs two allocations. A consumer that wants a zero-allocation extract
// of one format finds the record and hands its value to that format's
// ParseBytes.
//
// The carrier holds a pointer to the caller's slice. Set and Delete never
// write into that slice's backing array or into any record's Key or Value
// bytes, which the client, a retry buffer or another message may share:
// they build a new slice (Set appends one fresh record, after every record
// of other keys, in their order) and store it through the pointer, so
// after injecting, msg.Headers is the new list.
type KafkaHeaders[H KafkaHeader] struct{ list *[]H }

// KafkaHeadersOf returns the carrier over *list. The list may be nil or
// empty; Set fills it. A KafkaHeaders made from a nil pointer, like the
// zero KafkaHeaders, reads as empty and ignores Set and Delete.
func KafkaHeadersOf[H KafkaHeader](list *[]H) KafkaHeaders[H] {
	return KafkaHeaders[H]{list}
}

// Get returns the value of the first record named key, or "".
func (c KafkaHeaders[H]) Get(key string) string {
	return recordsGet[H, kafkaOps[H]](c.list, key)
}

// Values returns the value of every record named key, in record order,
// or nil.
func (c KafkaHeaders[H]) Values(key string) []string {
	return recordsValues[H, kafkaOps[H]](c.list, key)
}

// Keys returns every record's key, in record order, repeats included.
func (c KafkaHeaders[H]) Keys() []string {
	return recordsKeys[H, kafkaOps[H]](c.list)
}

// Set replaces every record named key with one record holding value,
// appended last, in a new slice.
func (c KafkaHeaders[H]) Set(key, value string) {
	recordsSet[H, kafkaOps[H]](c.list, key, value)
}

// Delete removes every record named key, in a new slice; when there is
// none, the list is left as it is.
func (c KafkaHeaders[H]) Delete(key string) {
	recordsDelete[H, kafkaOps[H]](c.list, key)
}

// DeleteFunc removes every record whose key del reports true for, in one
// pass and one new slice; when there is none, the list is left as it is.
func (c KafkaHeaders[H]) DeleteFunc(del func(name string) bool) {
	recordsDeleteFunc[H, kafkaOps[H]](c.list, del)
}

// SaramaHeaders adapts a sarama producer message's header list,
// sarama.ProducerMessage.Headers ([]sarama.RecordHeader). Make one with
// SaramaHeadersOf. It reads and writes as KafkaHeaders does; Set gives
// the new record fresh Key and Value slices.
type SaramaHeaders[H SaramaHeader] struct{ list *[]H }

// SaramaHeadersOf returns the carrier over *list. The list may be nil or
// empty; a SaramaHeaders made from a nil pointer reads as empty and
// ignores Set and Delete.
func SaramaHeadersOf[H SaramaHeader](list *[]H) SaramaHeaders[H] {
	return SaramaHeaders[H]{list}
}

// Get returns the value of the first record named key, or "".
func (c SaramaHeaders[H]) Get(key string) string {
	return recordsGet[H, saramaOps[H]](c.list, key)
}

// Values returns the value of every record named key, in record order,
// or nil.
func (c SaramaHeaders[H]) Values(key string) []string {
	return recordsValues[H, saramaOps[H]](c.list, key)
}

// Keys returns every record's key, in record order, repeats included.
func (c SaramaHeaders[H]) Keys() []string {
	return recordsKeys[H, saramaOps[H]](c.list)
}

// Set replaces every record named key with one record holding value,
// appended last, in a new slice.
func (c SaramaHeaders[H]) Set(key, value string) {
	recordsSet[H, saramaOps[H]](c.list, key, value)
}

// Delete removes every record named key, in a new slice; when there is
// none, the list is left as it is.
func (c SaramaHeaders[H]) Delete(key string) {
	recordsDelete[H, saramaOps[H]](c.list, key)
}

// DeleteFunc removes every record whose key del reports true for, in one
// pass and one new slice; when there is none, the list is left as it is.
func (c SaramaHeaders[H]) DeleteFunc(del func(name string) bool) {
	recordsDeleteFunc[H, saramaOps[H]](c.list, del)
}

// SaramaHeaderPtrs adapts a header list of pointers, the form sarama
// hands a consumer: sarama.ConsumerMessage.Headers
// ([]*sarama.RecordHeader). Make one with SaramaHeaderPtrsOf. It reads
// and writes as KafkaHeaders does and skips nil pointers. Set points the
// new slice at the records it keeps, never changing them, and at one
// newly allocated record.
type SaramaHeaderPtrs[H SaramaHeader] struct{ list *[]*H }

// SaramaHeaderPtrsOf returns the carrier over *list. The list may be nil
// or empty; a SaramaHeaderPtrs made from a nil pointer reads as empty and
// ignores Set and Delete.
func SaramaHeaderPtrsOf[H SaramaHeader](list *[]*H) SaramaHeaderPtrs[H] {
	return SaramaHeaderPtrs[H]{list}
}

// Get returns the value of the first record named key, or "".
func (c SaramaHeaderPtrs[H]) Get(key string) string {
	return recordsGet[*H, saramaPtrOps[H]](c.list, key)
}

// Values returns the value of every record named key, in record order,
// or nil.
func (c SaramaHeaderPtrs[H]) Values(key string) []string {
	return recordsValues[*H, saramaPtrOps[H]](c.list, key)
}

// Keys returns every record's key, in record order, repeats included.
func (c SaramaHeaderPtrs[H]) Keys() []string {
	return recordsKeys[*H, saramaPtrOps[H]](c.list)
}

// Set replaces every record named key with one new record holding value,
// appended last, in a new slice.
func (c SaramaHeaderPtrs[H]) Set(key, value string) {
	recordsSet[*H, saramaPtrOps[H]](c.list, key, value)
}

// Delete removes every record named key, in a new slice; when there is
// none, the list is left as it is.
func (c SaramaHeaderPtrs[H]) Delete(key string) {
	recordsDelete[*H, saramaPtrOps[H]](c.list, key)
}

// DeleteFunc removes every record whose key del reports true for, in one
// pass and one new slice; when there is none, the list is left as it is.
func (c SaramaHeaderPtrs[H]) DeleteFunc(del func(name string) bool) {
	recordsDeleteFunc[*H, saramaPtrOps[H]](c.list, del)
}

// The record shapes, spelled out for the conversions below: a type
// parameter's fields cannot be named, but a value of a type in
// KafkaHeader's type set converts to kafkaRecord and back.
type (
	kafkaRecord = struct {
		Key   string
		Value []byte
	}
	saramaRecord = struct {
		Key   []byte
		Value []byte
	}
)

// kafkaOps, saramaOps and saramaPtrOps give records.go's list algorithm
// access to one record shape each.
type (
	kafkaOps[H KafkaHeader]      struct{}
	saramaOps[H SaramaHeader]    struct{}
	saramaPtrOps[H SaramaHeader] struct{}
)

func (kafkaOps[H]) is(h H, key string) bool { return equalFoldASCII(kafkaRecord(h).Key, key) }
func (kafkaOps[H]) value(h H) []byte        { return kafkaRecord(h).Value }
func (kafkaOps[H]) key(h H) (string, bool)  { return kafkaRecord(h).Key, true }
func (kafkaOps[H]) make(key, value string) H {
	return H(kafkaRecord{Key: key, Value: []byte(value)})
}

func (saramaOps[H]) is(h H, key string) bool { return equalFoldASCII(saramaRecord(h).Key, key) }
func (saramaOps[H]) value(h H) []byte        { return saramaRecord(h).Value }
func (saramaOps[H]) key(h H) (string, bool)  { return string(saramaRecord(h).Key), true }
func (saramaOps[H]) make(key, value string) H {
	return H(saramaRecord{Key: []byte(key), Value: []byte(value)})
}

func (saramaPtrOps[H]) is(h *H, key string) bool {
	return h != nil && equalFoldASCII(saramaRecord(*h).Key, key)
}

func (saramaPtrOps[H]) value(h *H) []byte {
	if h == nil {
		return nil
	}
	return saramaRecord(*h).Value
}

func (saramaPtrOps[H]) key(h *H) (string, bool) {
	if h == nil {
		return "", false
	}
	return string(saramaRecord(*h).Key), true
}

func (saramaPtrOps[H]) make(key, value string) *H {
	h := H(saramaRecord{Key: []byte(key), Value: []byte(value)})
	return &h
}
