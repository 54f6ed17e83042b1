// Package dictfile reads and writes the compact dictionary that package
// segment embeds: the words of gse's embedded Chinese dictionary, already
// parsed and deduplicated the way gse does it, with final frequencies and
// part-of-speech tags, sorted by key and laid out so that a program can
// search it where it lies in the binary, without decoding or building
// anything first.
//
// # Format
//
// All integers are unsigned varints (encoding/binary) unless said otherwise.
//
//	"bgdict2\n"
//	header lines "name=value\n", ended by an empty line:
//	    gse=<module version>        the gse whose dictionary was read
//	    words=<count>               number of entries
//	    total=<sum of frequencies>  gse's total frequency
//	    block=<entries per block>
//	n, then n × (len, bytes): the part-of-speech tags
//	blocks × 4-byte little-endian offsets of the blocks, from the start of
//	the entries (blocks = ⌈count / block⌉)
//	the entries, in increasing byte order of key, each:
//	    shared     bytes shared with the previous key; 0 at a block's start
//	    len        length of the rest of the key
//	    bytes      the rest of the key
//	    freq       the frequency, a whole number ≥ 1
//	    pos        index of the part-of-speech tag
//
// A key is the word as gse stores it in its trie: the bytes of the words
// gse's SplitTextToWords makes of the dictionary text, concatenated (so
// ASCII letters are lower case).
package dictfile

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

const magic = "bgdict2\n"

// BlockSize is the number of entries per block [Write] uses: a lookup
// decodes at most this many entries after a binary search over the blocks.
const BlockSize = 16

// ErrFormat reports data that is not a valid compact dictionary.
var ErrFormat = errors.New("dictfile: invalid compact dictionary")

// Header describes where a compact dictionary came from.
type Header struct {
	Gse string // gse module version, such as "v0.80.3"
}

// Entry is one word.
type Entry struct {
	Key  string
	Freq uint64
	Pos  string
}

// Write writes entries, which must be sorted by Key with no duplicates,
// as a compact dictionary.
func Write(w io.Writer, h Header, entries []Entry) error {
	var total uint64
	posIndex := map[string]int{}
	var posNames []string
	for i, e := range entries {
		if i > 0 && entries[i-1].Key >= e.Key {
			return fmt.Errorf("dictfile: keys not sorted or not unique at %q", e.Key)
		}
		if e.Key == "" || e.Freq == 0 || e.Freq > 1<<32-1 {
			return fmt.Errorf("dictfile: entry %q: empty key or frequency %d out of range", e.Key, e.Freq)
		}
		total += e.Freq
		if _, ok := posIndex[e.Pos]; !ok {
			posIndex[e.Pos] = len(posNames)
			posNames = append(posNames, e.Pos)
		}
	}
	if total >= 1<<53 {
		return errors.New("dictfile: total frequency not exact in float64")
	}

	var body []byte
	offsets := make([]uint32, 0, (len(entries)+BlockSize-1)/BlockSize)
	prev := ""
	for i, e := range entries {
		n := 0
		if i%BlockSize == 0 {
			offsets = append(offsets, uint32(len(body)))
		} else {
			for n < len(prev) && n < len(e.Key) && prev[n] == e.Key[n] {
				n++
			}
		}
		body = binary.AppendUvarint(body, uint64(n))
		body = binary.AppendUvarint(body, uint64(len(e.Key)-n))
		body = append(body, e.Key[n:]...)
		body = binary.AppendUvarint(body, e.Freq)
		body = binary.AppendUvarint(body, uint64(posIndex[e.Pos]))
		prev = e.Key
	}

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%sgse=%s\nwords=%d\ntotal=%d\nblock=%d\n\n", magic, h.Gse, len(entries), total, BlockSize)
	var head []byte
	head = binary.AppendUvarint(head, uint64(len(posNames)))
	for _, p := range posNames {
		head = binary.AppendUvarint(head, uint64(len(p)))
		head = append(head, p...)
	}
	for _, off := range offsets {
		head = binary.LittleEndian.AppendUint32(head, off)
	}
	bw.Write(head)
	bw.Write(body)
	return bw.Flush()
}

// Dict is a compact dictionary, read in place. It is read-only and safe
// for concurrent use.
type Dict struct {
	Header
	// Total is the sum of all frequencies, gse's total frequency.
	Total uint64

	n       int      // entries
	block   int      // entries per block
	names   []string // part-of-speech tags
	offsets []byte   // 4 bytes per block
	body    []byte   // the entries
}

// Open reads the header of a compact dictionary held in data, which it
// keeps and which must not change. It does not look at the entries; see
// [Dict.Check].
func Open(data []byte) (*Dict, error) {
	bad := func(what string) (*Dict, error) { return nil, fmt.Errorf("%w: %s", ErrFormat, what) }
	if !bytes.HasPrefix(data, []byte(magic)) {
		return bad("no magic")
	}
	data = data[len(magic):]
	end := bytes.Index(data, []byte("\n\n"))
	if end < 0 {
		return bad("no end of header")
	}
	d := &Dict{}
	for _, line := range strings.Split(string(data[:end]), "\n") {
		name, value, _ := strings.Cut(line, "=")
		var err error
		switch name {
		case "gse":
			d.Gse = value
		case "words":
			d.n, err = strconv.Atoi(value)
		case "total":
			d.Total, err = strconv.ParseUint(value, 10, 64)
		case "block":
			d.block, err = strconv.Atoi(value)
		}
		if err != nil {
			return bad("header line " + line)
		}
	}
	if d.n < 0 || d.block <= 0 || d.Total >= 1<<53 {
		return bad("header values")
	}
	data = data[end+2:]

	nPos, k := binary.Uvarint(data)
	if k <= 0 || nPos > 256 {
		return bad("tag count")
	}
	data = data[k:]
	for range nPos {
		l, k := binary.Uvarint(data)
		if k <= 0 || l > uint64(len(data)-k) {
			return bad("tags")
		}
		d.names = append(d.names, string(data[k:k+int(l)]))
		data = data[k+int(l):]
	}
	nBlocks := (d.n + d.block - 1) / d.block
	if nBlocks > len(data)/4 {
		return bad("block table")
	}
	d.offsets, d.body = data[:4*nBlocks], data[4*nBlocks:]
	for b := range nBlocks {
		if int(d.blockStart(b)) >= len(d.body) {
			return bad("block offset")
		}
	}
	return d, nil
}

// Len returns the number of words.
func (d *Dict) Len() int { return d.n }

func (d *Dict) blockStart(b int) uint32 {
	return binary.LittleEndian.Uint32(d.offsets[4*b:])
}

// cursor decodes the entries of one block in order.
type cursor struct {
	d    *Dict
	p    int    // position in d.body
	i    int    // index of the next entry
	key  []byte // key of the last entry decoded
	freq uint64
	pos  uint64
	err  bool
}

func (d *Dict) cursorAt(block int, buf []byte) cursor {
	return cursor{d: d, p: int(d.blockStart(block)), i: block * d.block, key: buf[:0]}
}

func (c *cursor) uv() uint64 {
	v, k := binary.Uvarint(c.d.body[c.p:])
	if k <= 0 {
		c.err = true
		c.p = len(c.d.body)
		return 0
	}
	c.p += k
	return v
}

// next decodes the next entry into c.key, c.freq, c.pos.
func (c *cursor) next() bool {
	if c.err || c.i >= c.d.n {
		return false
	}
	shared, l := c.uv(), c.uv()
	if c.err || shared > uint64(len(c.key)) || l > uint64(len(c.d.body)-c.p) {
		c.err = true
		return false
	}
	c.key = append(c.key[:shared], c.d.body[c.p:c.p+int(l)]...)
	c.p += int(l)
	c.freq, c.pos = c.uv(), c.uv()
	if c.err || c.pos >= uint64(len(c.d.names)) {
		c.err = true
		return false
	}
	c.i++
	return true
}

// firstKey returns the first key of block b, which is stored whole.
func (d *Dict) firstKey(b int) []byte {
	p := int(d.blockStart(b))
	if s, k := binary.Uvarint(d.body[p:]); k == 1 && s == 0 {
		if l, k2 := binary.Uvarint(d.body[p+1:]); k2 > 0 && l <= uint64(len(d.body)-p-1-k2) {
			return d.body[p+1+k2 : p+1+k2+int(l)]
		}
	}
	return nil // corrupt; Check reports it
}

// search returns the first index i in [lo, hi) whose key satisfies pred,
// or hi, where pred is false for a prefix of the keys and true for the
// rest; and whether that key equals eq.
func (d *Dict) search(lo, hi int, pred func(key []byte) bool, eq []byte) (int, bool) {
	if lo >= hi {
		return hi, false
	}
	// Binary search over the blocks that start inside (lo, hi).
	bl, bh := lo/d.block+1, (hi-1)/d.block+1
	for bl < bh {
		m := int(uint(bl+bh) >> 1)
		if pred(d.firstKey(m)) {
			bh = m
		} else {
			bl = m + 1
		}
	}
	// The answer is in block bl-1 or is the start of block bl.
	var buf [64]byte
	c := d.cursorAt(bl-1, buf[:])
	end := min(hi, bl*d.block)
	for c.i < end && c.next() {
		if c.i-1 >= lo && pred(c.key) {
			return c.i - 1, eq != nil && bytes.Equal(c.key, eq)
		}
	}
	if end < hi && eq != nil {
		return end, bytes.Equal(d.firstKey(bl), eq)
	}
	return end, false
}

// Narrow returns the range [nlo, nhi) of the words within [lo, hi) whose
// keys begin with prefix, and whether the first of them is prefix itself.
// Since keys are sorted, the words beginning with a longer prefix are a
// sub-range, so a caller extends a prefix one word at a time and narrows
// the range it got for the shorter prefix; an empty range means that no
// key begins with the prefix.
func (d *Dict) Narrow(lo, hi int, prefix []byte) (nlo, nhi int, exact bool) {
	nlo, exact = d.search(lo, hi, func(k []byte) bool { return bytes.Compare(k, prefix) >= 0 }, prefix)
	nhi, _ = d.search(nlo, hi, func(k []byte) bool { return !bytes.HasPrefix(k, prefix) }, nil)
	return nlo, nhi, exact && nlo < nhi
}

// at returns a cursor that has just decoded entry i, which must be in
// [0, Len()).
func (d *Dict) at(i int, buf []byte) cursor {
	c := d.cursorAt(i/d.block, buf)
	for c.i <= i && c.next() {
	}
	return c
}

// Tags returns the part-of-speech tags the words use.
func (d *Dict) Tags() []string { return d.names }

// Entry returns word i, which must be in [0, Len()).
func (d *Dict) Entry(i int) Entry {
	var buf [64]byte
	c := d.at(i, buf[:])
	if c.err {
		return Entry{}
	}
	return Entry{Key: string(c.key), Freq: c.freq, Pos: d.names[c.pos]}
}

// Each calls f for every word in order, with a key that is only valid
// during the call.
func (d *Dict) Each(f func(key []byte, freq uint64, pos string)) error {
	return d.EachTagged(func(key []byte, freq uint64, tag int) { f(key, freq, d.names[tag]) })
}

// EachTagged is Each with each word's tag as its index in Tags.
func (d *Dict) EachTagged(f func(key []byte, freq uint64, tag int)) error {
	if d.n == 0 {
		return nil
	}
	c := d.cursorAt(0, nil)
	for c.next() {
		f(c.key, c.freq, int(c.pos))
	}
	if c.err {
		return fmt.Errorf("%w: entry %d", ErrFormat, c.i)
	}
	return nil
}

// Check decodes every entry and reports whether the keys are sorted and
// unique, each block starts where its offset says, and the frequencies
// add up to the total.
func (d *Dict) Check() error {
	var total uint64
	var prev []byte
	i := 0
	c := d.cursorAt(0, nil)
	for {
		if i%d.block == 0 && i < d.n && c.p != int(d.blockStart(i/d.block)) {
			return fmt.Errorf("%w: block %d starts at %d, not %d", ErrFormat, i/d.block, c.p, d.blockStart(i/d.block))
		}
		if !c.next() {
			break
		}
		if i > 0 && bytes.Compare(prev, c.key) >= 0 {
			return fmt.Errorf("%w: key %d %q not after %q", ErrFormat, i, c.key, prev)
		}
		if c.freq == 0 || len(c.key) == 0 {
			return fmt.Errorf("%w: entry %d: empty key or zero frequency", ErrFormat, i)
		}
		prev = append(prev[:0], c.key...)
		total += c.freq
		i++
	}
	switch {
	case c.err:
		return fmt.Errorf("%w: entry %d", ErrFormat, i)
	case i != d.n:
		return fmt.Errorf("%w: %d entries, header says %d", ErrFormat, i, d.n)
	case c.p != len(d.body):
		return fmt.Errorf("%w: trailing bytes", ErrFormat)
	case total != d.Total:
		return fmt.Errorf("%w: frequencies add up to %d, header says %d", ErrFormat, total, d.Total)
	}
	return nil
}
