// chatsec-goverify checks ChatSecurity audit logs with Go's implementation of the same formats instead of ours:
// golang.org/x/mod/sumdb/tlog (RFC 6962 tree hashes, inclusion proofs) and golang.org/x/mod/sumdb/note (signed
// notes), plus the Go standard library for SHA-256 and Ed25519. It shares no code with ChatSecurity; an auditor
// can read it in one sitting. Formats: docs/audit-log.md.
//
// Build it offline from Debian packages (golang-go, golang-golang-x-mod-dev):
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o chatsec-goverify docs/audit-go-verifier/main.go
//
// Usage:
//
//	chatsec-goverify bundle  -key <log vkey> [-witness <vkey> ...] [-witnesses-required N] <file.tlog-proof>
//	chatsec-goverify archive -key <log vkey> [-witness <vkey> ...] [-witnesses-required N] <file.archive>
//
// "bundle" checks an offline proof (C2SP tlog-proof with the entry in its "extra" line): the checkpoint's
// signatures and the entry's inclusion under the checkpoint's root. "archive" re-verifies a whole log exported
// from index 0 (chatsec audit export --from 0): every entry's index and predecessor hash, the tree, and every
// checkpoint's signatures and root. Exit status: 0 verified, 1 a problem was found (the first bad index is
// printed), 2 the input could not be read.
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// cosignatureVerifier checks C2SP tlog-cosignature v1 signatures (key type 0x04): the signature blob after the
// key hash is timestamp (8 bytes, big-endian) || Ed25519 signature over
// "cosignature/v1\ntime <timestamp>\n" || checkpoint text. x/mod's note package accepts any Verifier.
type cosignatureVerifier struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func (v *cosignatureVerifier) Name() string    { return v.name }
func (v *cosignatureVerifier) KeyHash() uint32 { return v.hash }
func (v *cosignatureVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	timestamp := binary.BigEndian.Uint64(sig[:8])
	if timestamp > math.MaxInt64 { // C2SP tlog-cosignature: MUST NOT exceed 2^63 - 1
		return false
	}
	signed := append([]byte(fmt.Sprintf("cosignature/v1\ntime %d\n", timestamp)), msg...)
	return ed25519.Verify(v.key, signed, sig[8:])
}

// newWitnessVerifier parses "<name>+<hex key hash>+<base64(0x04 || public key)>".
func newWitnessVerifier(vkey string) (note.Verifier, error) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 || len(parts[1]) != 8 {
		return nil, errors.New("malformed witness key")
	}
	hash, err1 := strconv.ParseUint(parts[1], 16, 32)
	key, err2 := base64.StdEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || len(key) != 1+ed25519.PublicKeySize || key[0] != 0x04 {
		return nil, errors.New("malformed witness key (want type 0x04)")
	}
	sum := sha256.Sum256(append([]byte(parts[0]+"\n"), key...))
	if binary.BigEndian.Uint32(sum[:4]) != uint32(hash) {
		return nil, errors.New("witness key hash does not match")
	}
	return &cosignatureVerifier{name: parts[0], hash: uint32(hash), key: ed25519.PublicKey(key[1:])}, nil
}

type trust struct {
	log       note.Verifier
	witnesses []note.Verifier
	required  int
}

// checkpoint is a C2SP tlog-checkpoint body: origin, size, base64 root, optional extension lines.
type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

// open verifies a signed checkpoint and returns its body and how many trusted witnesses cosigned it.
func (t trust) open(signed []byte) (checkpoint, int, error) {
	var c checkpoint
	n, err := note.Open(signed, note.VerifierList(append([]note.Verifier{t.log}, t.witnesses...)...))
	if err != nil {
		return c, 0, fmt.Errorf("signature: %v", err)
	}
	logSigned, witnessed := false, 0
	for _, sig := range n.Sigs {
		if sig.Name == t.log.Name() && sig.Hash == t.log.KeyHash() {
			logSigned = true
		} else {
			witnessed++
		}
	}
	if !logSigned {
		return c, 0, errors.New("signature: the log did not sign the checkpoint")
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 || lines[0] != t.log.Name() {
		return c, 0, errors.New("checkpoint: malformed or another log's")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return c, 0, errors.New("checkpoint: malformed size")
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return c, 0, errors.New("checkpoint: malformed root")
	}
	c.origin, c.size = lines[0], size
	copy(c.root[:], root)
	return c, witnessed, nil
}

// bundle checks "c2sp.org/tlog-proof@v1\nextra <base64 entry>\nindex <n>\n<proof hashes>\n\n<signed checkpoint>".
func bundle(t trust, data []byte) error {
	head, signed, found := bytes.Cut(data, []byte("\n\n"))
	if !found {
		return errors.New("read: not a proof bundle")
	}
	lines := strings.Split(string(head), "\n")
	if len(lines) < 3 || lines[0] != "c2sp.org/tlog-proof@v1" || !strings.HasPrefix(lines[1], "extra ") || !strings.HasPrefix(lines[2], "index ") {
		return errors.New("read: not a ChatSecurity proof bundle (header, extra and index lines)")
	}
	entry, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[1], "extra "))
	if err != nil {
		return errors.New("read: bad extra line")
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(lines[2], "index "), 10, 64)
	if err != nil || index < 0 {
		return errors.New("read: bad index line")
	}
	var proof tlog.RecordProof
	for _, line := range lines[3:] {
		h, err := base64.StdEncoding.DecodeString(line)
		if err != nil || len(h) != tlog.HashSize {
			return errors.New("read: bad proof hash")
		}
		var hash tlog.Hash
		copy(hash[:], h)
		proof = append(proof, hash)
	}
	c, witnessed, err := t.open(signed)
	if err != nil {
		return err
	}
	if witnessed < t.required {
		return fmt.Errorf("witnesses: %d of %d required cosignatures", witnessed, t.required)
	}
	if len(entry) < 12 || string(entry[:4]) != "CSA1" || int64(binary.BigEndian.Uint64(entry[4:12])) != index {
		return errors.New("entry: not a version-1 entry for this index")
	}
	if err := tlog.CheckRecord(proof, c.size, c.root, index, tlog.RecordHash(entry)); err != nil {
		return fmt.Errorf("inclusion: %v", err)
	}
	fmt.Printf("OK: entry %d is in %s at size %d (%d witness cosignatures)\n", index, c.origin, c.size, witnessed)
	return nil
}

// problem is a verification failure at an index (exit 1), as opposed to unreadable input (exit 2).
type problem struct {
	index  int64
	what   string
	proven int64 // entries below this size match a signed checkpoint
}

func (p problem) Error() string { return fmt.Sprintf("index %d: %s", p.index, p.what) }

type reader struct {
	data []byte
	err  error
}

func (r *reader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.data) {
		r.err = errors.New("read: truncated archive")
		return make([]byte, max(n, 0))
	}
	out := r.data[:n]
	r.data = r.data[n:]
	return out
}

func (r *reader) u64() uint64 { return binary.BigEndian.Uint64(r.take(8)) }
func (r *reader) u32() uint32 { return binary.BigEndian.Uint32(r.take(4)) }

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// archive re-verifies an archive exported from index 0 (layout in docs/audit-log.md).
func archive(t trust, data []byte) error {
	magic := []byte("chatsec-audit-archive-v1\n")
	if len(data) < len(magic)+32 || !bytes.HasPrefix(data, magic) {
		return errors.New("read: not an audit archive")
	}
	body := data[:len(data)-32]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], data[len(data)-32:]) {
		return errors.New("read: archive checksum mismatch")
	}
	r := &reader{data: body[len(magic):]}
	start, end := r.u64(), r.u64()
	r.take(32) // previous leaf hash: zero at index 0
	edge := int(r.take(1)[0])
	r.take(32 * edge)
	count := r.u64()
	if r.err != nil || start != 0 || end != count {
		return errors.New("read: only archives exported from index 0 are checked here (chatsec audit export --from 0)")
	}
	var hashes []tlog.Hash // tlog's stored-hash layout
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			if x < 0 || x >= int64(len(hashes)) {
				return nil, errors.New("hash out of range")
			}
			out[i] = hashes[x]
		}
		return out, nil
	})
	var previous tlog.Hash
	var problems []problem
	scanned := int64(0) // entries that passed the sequential checks and are in the tree
	for i := int64(0); i < int64(count) && len(problems) == 0; i++ {
		entry := r.take(int(r.u32()))
		if r.err != nil {
			return r.err
		}
		switch {
		case len(entry) < 4+8+8+32 || string(entry[:4]) != "CSA1":
			problems = append(problems, problem{index: i, what: "malformed-entry"})
		case int64(binary.BigEndian.Uint64(entry[4:12])) != i:
			problems = append(problems, problem{index: i, what: "index-mismatch"})
		case !bytes.Equal(entry[20:52], previous[:]):
			problems = append(problems, problem{index: max64(i-1, 0), what: "chain-broken"}) // entry i-1 or this entry's predecessor field changed
		default:
			stored, err := tlog.StoredHashes(i, entry, reader)
			if err != nil {
				return err
			}
			hashes = append(hashes, stored...)
			previous = tlog.RecordHash(entry)
			scanned = i + 1
		}
	}
	for i := scanned + 1; i < int64(count); i++ { // skip the rest of the entries after a problem
		r.take(int(r.u32()))
	}
	// Checkpoints: each must be signed by the log; each whose size was scanned must match the tree. The largest
	// that matches is the trust boundary (proven size); a mismatch bounds the change to after it.
	type result struct {
		size    int64
		matched bool
	}
	var results []result
	checkpoints := r.u32()
	verified, witnessedSize, proven := 0, int64(-1), int64(0)
	for k := uint32(0); k < checkpoints && r.err == nil; k++ {
		size := int64(r.u64())
		signed := r.take(int(r.u32()))
		if r.err != nil {
			break
		}
		c, witnessed, err := t.open(signed)
		switch {
		case err != nil || c.size != size:
			problems = append(problems, problem{index: size, what: "bad-checkpoint-signature"})
		case c.size > int64(count):
			problems = append(problems, problem{index: int64(count), what: "truncated"})
		case c.size <= scanned:
			root := tlog.Hash(sha256.Sum256(nil)) // RFC 6962: the empty tree's hash (tlog.TreeHash(0) is all zeros)
			if c.size > 0 {
				if root, err = tlog.TreeHash(c.size, reader); err != nil {
					return err
				}
			}
			results = append(results, result{c.size, root == c.root})
			if root == c.root {
				verified++
				proven = max64(proven, c.size)
				if t.required > 0 && witnessed >= t.required && c.size > witnessedSize {
					witnessedSize = c.size
				}
			}
		}
	}
	if r.err != nil || len(r.data) != 0 {
		return errors.New("read: malformed archive tail")
	}
	for _, bad := range results {
		if bad.matched {
			continue
		}
		lastGood := int64(0)
		for _, good := range results {
			if good.matched && good.size < bad.size && good.size > lastGood {
				lastGood = good.size
			}
		}
		problems = append(problems, problem{index: lastGood, what: "checkpoint-mismatch"})
	}
	if t.required > 0 && witnessedSize < 0 {
		problems = append(problems, problem{index: 0, what: "unwitnessed"})
	}
	if scanned > 0 && proven == 0 {
		problems = append(problems, problem{index: 0, what: "unproven"})
	}
	if len(problems) > 0 {
		// The same order as chatsec: problems located in the entries, then a checkpoint mismatch, then checkpoint
		// records (whose size the writer chose), then what was not shown at all.
		sort.Slice(problems, func(i, j int) bool {
			a, b := problems[i], problems[j]
			if rank(a.what) != rank(b.what) {
				return rank(a.what) < rank(b.what)
			}
			if a.index != b.index {
				return a.index < b.index
			}
			return a.what < b.what
		})
		first := problems[0]
		first.proven = proven
		return first
	}
	root := tlog.Hash(sha256.Sum256(nil))
	if count > 0 {
		var err error
		if root, err = tlog.TreeHash(int64(count), reader); err != nil {
			return err
		}
	}
	witness := ""
	if witnessedSize >= 0 {
		witness = fmt.Sprintf("; witnessed up to size %d", witnessedSize)
	}
	fmt.Printf("OK: %d entries (proven up to %d), %d checkpoints verified; root %s%s\n", count, proven, verified, base64.StdEncoding.EncodeToString(root[:]), witness)
	return nil
}

func rank(kind string) int {
	switch kind {
	case "checkpoint-mismatch":
		return 1
	case "bad-checkpoint-signature":
		return 2
	case "unwitnessed", "unproven":
		return 3
	}
	return 0
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	if len(os.Args) < 2 || (os.Args[1] != "bundle" && os.Args[1] != "archive") {
		fmt.Fprintln(os.Stderr, "usage: chatsec-goverify bundle|archive -key <vkey> [-witness <vkey>]... [-witnesses-required N] <file>")
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	key := flags.String("key", "", "the log's verifier key (name+hash+base64)")
	var witnesses list
	flags.Var(&witnesses, "witness", "a trusted witness's verifier key (repeatable)")
	required := flags.Int("witnesses-required", 0, "cosignatures a checkpoint needs to count as witnessed")
	flags.Parse(os.Args[2:])
	if flags.NArg() != 1 || *key == "" {
		fmt.Fprintln(os.Stderr, "usage: chatsec-goverify bundle|archive -key <vkey> [-witness <vkey>]... [-witnesses-required N] <file>")
		os.Exit(2)
	}
	logVerifier, err := note.NewVerifier(*key)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error: log key:", err)
		os.Exit(2)
	}
	t := trust{log: logVerifier, required: *required}
	for _, w := range witnesses {
		v, err := newWitnessVerifier(w)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(2)
		}
		t.witnesses = append(t.witnesses, v)
	}
	data, err := os.ReadFile(flags.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "error: cannot read the file")
		os.Exit(2)
	}
	if os.Args[1] == "bundle" {
		err = bundle(t, data)
	} else {
		err = archive(t, data)
	}
	var p problem
	switch {
	case err == nil:
		os.Exit(0)
	case errors.As(err, &p):
		fmt.Println("FAILED:", p.Error())
		fmt.Printf("  proven: entries below %d match a signed checkpoint; nothing from index %d on can be trusted\n", p.proven, p.proven)
		os.Exit(1)
	case strings.HasPrefix(err.Error(), "read:"):
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(2)
	default:
		fmt.Println("FAILED:", err)
		os.Exit(1)
	}
}
