package output

import "hash/maphash"

// doneIndex answers, for a dataset of any size, whether an input was
// processed and from which bytes, with version and rules: 16 bytes an
// input (plus the map's own), where holding the manifest's entries took
// about 400. It keeps hashes, not the sources and digests themselves.
// Two sources whose 64-bit hashes collide (odds of about 3·10⁻⁸ in a
// million inputs) share an entry, and the worst that does is process
// one of them again; a false "done" would also need the 64-bit state
// hashes of different bytes, version or rules to collide.
type doneIndex struct {
	seed   maphash.Seed
	states map[uint64]uint64 // source hash → state hash
}

func newDoneIndex() *doneIndex {
	return &doneIndex{seed: maphash.MakeSeed(), states: map[uint64]uint64{}}
}

func (x *doneIndex) key(source string) uint64 { return maphash.String(x.seed, source) }

func (x *doneIndex) state(sha256, version, rulesHash string) uint64 {
	var h maphash.Hash
	h.SetSeed(x.seed)
	h.WriteString(sha256)
	h.WriteByte(0)
	h.WriteString(version)
	h.WriteByte(0)
	h.WriteString(rulesHash)
	return h.Sum64()
}

// add records source's latest entry.
func (x *doneIndex) add(source string, e InputEntry) {
	x.states[x.key(source)] = x.state(e.SHA256, e.Version, e.RulesHash)
}

// known reports whether source has an entry.
func (x *doneIndex) known(source string) bool {
	_, ok := x.states[x.key(source)]
	return ok
}

// done reports whether source's entry is for these bytes, version and
// rules.
func (x *doneIndex) done(source, sha256, version, rulesHash string) bool {
	s, ok := x.states[x.key(source)]
	return ok && s == x.state(sha256, version, rulesHash)
}
