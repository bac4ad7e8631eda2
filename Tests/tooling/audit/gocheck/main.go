// gocheck verifies ChatSecurity's audit log output with Go's own implementation: golang.org/x/mod/sumdb/tlog for
// tree hashes and proofs, golang.org/x/mod/sumdb/note for signed checkpoints. Built offline in GOPATH mode from
// Debian's golang-golang-x-mod-dev. Reads a JSON document of cases on stdin, prints one JSON result per case.
//
// Test tooling only (Tests/tooling/audit); nothing here ships.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type treeCase struct {
	Leaves      []string      `json:"leaves"` // base64 leaf data
	Root        string        `json:"root"`   // our root (base64)
	Inclusions  []inclusion   `json:"inclusions"`
	Consistency []consistency `json:"consistency"`
}

type inclusion struct {
	Index  int64    `json:"index"`
	Size   int64    `json:"size"`
	Root   string   `json:"root"`
	Proof  []string `json:"proof"`
	Expect bool     `json:"expect"`
}

type consistency struct {
	Old     int64    `json:"old"`
	New     int64    `json:"new"`
	OldRoot string   `json:"old_root"`
	NewRoot string   `json:"new_root"`
	Proof   []string `json:"proof"`
	Expect  bool     `json:"expect"`
}

type noteCase struct {
	Note      string   `json:"note"`
	Verifiers []string `json:"verifiers"`
	Text      string   `json:"text"`
	Expect    bool     `json:"expect"`
}

type input struct {
	Trees []treeCase `json:"trees"`
	Notes []noteCase `json:"notes"`
	Bench *bench     `json:"bench"`
}

type bench struct {
	Appends int `json:"appends"`
	Proofs  int `json:"proofs"`
}

type result struct {
	Kind    string `json:"kind"`
	Checked int    `json:"checked"`
	Failed  int    `json:"failed"`
	Detail  string `json:"detail,omitempty"`
}

// memoryHashes is a tlog.HashReader over stored hashes in memory.
type memoryHashes []tlog.Hash

func (m memoryHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m)) {
			return nil, fmt.Errorf("index %d out of range", x)
		}
		out[i] = m[x]
	}
	return out, nil
}

func decodeHash(s string) (tlog.Hash, error) {
	var h tlog.Hash
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != len(h) {
		return h, fmt.Errorf("bad hash")
	}
	copy(h[:], b)
	return h, nil
}

func decodeHashes(list []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, 0, len(list))
	for _, s := range list {
		h, err := decodeHash(s)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

func build(leaves [][]byte) (memoryHashes, error) {
	var hashes memoryHashes
	for i, data := range leaves {
		stored, err := tlog.StoredHashes(int64(i), data, hashes)
		if err != nil {
			return nil, err
		}
		hashes = append(hashes, stored...)
	}
	return hashes, nil
}

func checkTree(c treeCase) result {
	r := result{Kind: "tree"}
	leaves := make([][]byte, len(c.Leaves))
	for i, s := range c.Leaves {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return result{Kind: "tree", Failed: 1, Detail: "bad leaf"}
		}
		leaves[i] = b
	}
	hashes, err := build(leaves)
	if err != nil {
		return result{Kind: "tree", Failed: 1, Detail: err.Error()}
	}
	root, err := tlog.TreeHash(int64(len(leaves)), hashes)
	want, derr := decodeHash(c.Root)
	r.Checked++
	if err != nil || derr != nil || root != want {
		r.Failed++
		r.Detail = fmt.Sprintf("root mismatch at size %d", len(leaves))
	}
	for _, in := range c.Inclusions {
		proof, err1 := decodeHashes(in.Proof)
		th, err2 := decodeHash(in.Root)
		ok := false
		if err1 == nil && err2 == nil && in.Index < int64(len(leaves)) {
			ok = tlog.CheckRecord(tlog.RecordProof(proof), in.Size, th, in.Index, tlog.RecordHash(leaves[in.Index])) == nil
		}
		r.Checked++
		if ok != in.Expect {
			r.Failed++
			r.Detail = fmt.Sprintf("inclusion %d/%d: go says %v", in.Index, in.Size, ok)
		}
	}
	for _, cs := range c.Consistency {
		proof, err1 := decodeHashes(cs.Proof)
		oldRoot, err2 := decodeHash(cs.OldRoot)
		newRoot, err3 := decodeHash(cs.NewRoot)
		ok := false
		if err1 == nil && err2 == nil && err3 == nil {
			ok = tlog.CheckTree(tlog.TreeProof(proof), cs.New, newRoot, cs.Old, oldRoot) == nil
		}
		r.Checked++
		if ok != cs.Expect {
			r.Failed++
			r.Detail = fmt.Sprintf("consistency %d->%d: go says %v", cs.Old, cs.New, ok)
		}
	}
	return r
}

func checkNote(c noteCase) result {
	r := result{Kind: "note", Checked: 1}
	var verifiers []note.Verifier
	for _, vkey := range c.Verifiers {
		v, err := note.NewVerifier(vkey)
		if err != nil {
			r.Failed = 1
			r.Detail = "go rejects verifier key: " + err.Error()
			return r
		}
		verifiers = append(verifiers, v)
	}
	n, err := note.Open([]byte(c.Note), note.VerifierList(verifiers...))
	ok := err == nil && n.Text == c.Text
	if ok != c.Expect {
		r.Failed = 1
		if err != nil {
			r.Detail = "go: " + err.Error()
		} else {
			r.Detail = fmt.Sprintf("go accepted (expect %v)", c.Expect)
		}
	}
	return r
}

// runBench times x/mod tlog in memory: leaf appends (StoredHashes) and inclusion prove+verify.
func runBench(b bench) result {
	leaves := make([][]byte, b.Appends)
	for i := range leaves {
		leaves[i] = []byte(fmt.Sprintf("entry %08d with some payload bytes to hash, about one hundred bytes long in total.......", i))
	}
	start := time.Now()
	hashes, _ := build(leaves)
	appendSeconds := time.Since(start).Seconds()
	n := int64(len(leaves))
	th, _ := tlog.TreeHash(n, hashes)
	start = time.Now()
	for i := 0; i < b.Proofs; i++ {
		index := int64(i*7919) % n
		p, _ := tlog.ProveRecord(n, index, hashes)
		_ = tlog.CheckRecord(p, n, th, index, tlog.RecordHash(leaves[index]))
	}
	proofSeconds := time.Since(start).Seconds()
	return result{Kind: "bench", Checked: b.Appends + b.Proofs,
		Detail: fmt.Sprintf("{\"appends_per_second\": %.1f, \"proofs_per_second\": %.1f}", float64(b.Appends)/appendSeconds, float64(b.Proofs)/proofSeconds)}
}

func main() {
	var in input
	if err := json.NewDecoder(bufio.NewReader(os.Stdin)).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, "bad input:", err)
		os.Exit(2)
	}
	out := json.NewEncoder(os.Stdout)
	for _, c := range in.Trees {
		out.Encode(checkTree(c))
	}
	for _, c := range in.Notes {
		out.Encode(checkNote(c))
	}
	if in.Bench != nil {
		out.Encode(runBench(*in.Bench))
	}
}
