package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Commit records and the manifest list one input a line (see
// [writeInputs]), and a run reads and writes them whole: Open reads every
// record to know which inputs are done, a commit writes its record, and
// each manifest rewrite reads them all again. With encoding/json that was
// 6 µs an input, 85 ms of serial work at the end of a run of 15,000
// inputs and most of a second at the start of a rerun over 150,000. The
// inputs are therefore written by appending their fields, and read back
// line by line while every line has exactly the shape written here; a
// record with any other shape (written by hand, or by another version) is
// read by encoding/json, from the first input the fast path did not take.

// appendInputLine appends an input as writeInputs writes it, after the
// line's indentation: `"source": {"sha256":"…",…,"errors":0}`, the bytes
// json.Marshal gives for the source and the entry.
func appendInputLine(buf []byte, r inputRow) []byte {
	buf = appendJSONString(buf, r.Source)
	buf = append(buf, `: {"sha256":`...)
	buf = appendJSONString(buf, r.SHA256)
	buf = append(buf, `,"version":`...)
	buf = appendJSONString(buf, r.Version)
	buf = append(buf, `,"rules_hash":`...)
	buf = appendJSONString(buf, r.RulesHash)
	buf = append(buf, `,"commit":`...)
	buf = appendJSONString(buf, r.Commit)
	buf = append(buf, `,"documents":`...)
	buf = strconv.AppendInt(buf, int64(r.Documents), 10)
	buf = append(buf, `,"errors":`...)
	buf = strconv.AppendInt(buf, int64(r.Errors), 10)
	return append(buf, '}')
}

// appendJSONString appends s quoted as json.Marshal quotes it. Strings
// that need no escape, such as paths, hashes and ids, are copied; any
// other goes through json.Marshal.
func appendJSONString(buf []byte, s string) []byte {
	if !plainJSON(s) {
		q, _ := json.Marshal(s) // a string always marshals
		return append(buf, q...)
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}

// plainJSON reports whether s reads the same quoted in JSON as it is:
// valid UTF-8 without quotes, backslashes, control characters, the
// characters json.Marshal escapes for HTML (<, >, &) and the line and
// paragraph separators it escapes for JavaScript.
func plainJSON(s string) bool {
	high := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		case c >= utf8.RuneSelf:
			high = true
		}
	}
	return !high || utf8.ValidString(s) && !strings.ContainsRune(s, '\u2028') && !strings.ContainsRune(s, '\u2029')
}

// errNotLines ends [readRecordLines] at the first thing it does not read
// as writeRecord writes it.
var errNotLines = errors.New("not a record as written by this package")

// readRecordLines is [readRecord] for a record, read from f, whose every
// line has the shape writeRecord gives it. It returns how many inputs it
// passed to each, and errNotLines at the first line of another shape.
func readRecordLines(f io.Reader, name string, each func(inputRow) error) (*Commit, int, error) {
	r := bufio.NewReaderSize(f, 64<<10)
	// The record without its inputs, for json.Unmarshal: every line but
	// those of the inputs, whose value becomes null.
	var rest []byte
	const inputsLine = `  "inputs": {`
	var line []byte
	var err error
	for {
		if line, err = r.ReadSlice('\n'); err != nil {
			return nil, 0, lineError(err)
		}
		if bytes.HasPrefix(line, []byte(inputsLine)) && topLevel(rest) {
			break
		}
		rest = append(rest, line...)
	}
	rest = append(rest, `  "inputs": null`...)
	n := 0
	if after := line[len(inputsLine):]; after[0] == '}' {
		rest = append(rest, after[1:]...) // no inputs: `{}`, then the rest of the line
	} else if len(after) != 1 {
		return nil, 0, errNotLines
	} else {
		for {
			if line, err = r.ReadSlice('\n'); err != nil {
				return nil, n, lineError(err)
			}
			if end, ok := bytes.CutPrefix(line, []byte("  }")); ok {
				rest = append(rest, end...)
				break
			}
			in, ok := parseInputLine(line)
			if !ok {
				return nil, n, errNotLines
			}
			if err := each(in); err != nil {
				return nil, n, err
			}
			n++
		}
	}
	tail, err := io.ReadAll(r)
	if err != nil {
		return nil, n, err
	}
	c := &Commit{file: name}
	if json.Unmarshal(append(rest, tail...), c) != nil || c.Inputs != nil {
		return nil, n, errNotLines
	}
	return c, n, nil
}

// topLevel reports whether the JSON text head, the start of an object,
// ends inside that object and not in a value of one of its fields.
func topLevel(head []byte) bool {
	depth := 0
	for i := 0; i < len(head); i++ {
		switch head[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case '"':
			end := skipString(head, i)
			if end < 0 {
				return false
			}
			i = end - 1
		}
	}
	return depth == 1
}

// lineError is the error of a record file's line: the end of the file,
// or a line too long for the reader's buffer, leaves the file to
// encoding/json.
func lineError(err error) error {
	if err == io.EOF || err == bufio.ErrBufferFull {
		return errNotLines
	}
	return err
}

// parseInputLine reads a line of a record's inputs as writeInputs writes
// it: the indentation, appendInputLine's bytes, and a comma unless it is
// the last. It reports false for any other line, among them every one
// encoding/json would read differently from how it reads here.
func parseInputLine(line []byte) (inputRow, bool) {
	p := inputParser{b: line}
	var r inputRow
	ok := p.skip("    ") && p.str(&r.Source) && p.skip(`: {"sha256":`) && p.str(&r.SHA256) &&
		p.skip(`,"version":`) && p.str(&r.Version) &&
		p.skip(`,"rules_hash":`) && p.str(&r.RulesHash) &&
		p.skip(`,"commit":`) && p.str(&r.Commit) &&
		p.skip(`,"documents":`) && p.int(&r.Documents) &&
		p.skip(`,"errors":`) && p.int(&r.Errors) && p.skip("}")
	if !ok {
		return r, false
	}
	if p.b[0] == ',' {
		p.b = p.b[1:]
	}
	return r, string(p.b) == "\n"
}

// inputParser reads the parts of an input line one after another.
type inputParser struct{ b []byte }

// skip takes s, if the line goes on with it.
func (p *inputParser) skip(s string) bool {
	if !bytes.HasPrefix(p.b, []byte(s)) {
		return false
	}
	p.b = p.b[len(s):]
	return true
}

// str takes a JSON string into s; it takes only a string plainJSON
// accepts, whose value is its bytes.
func (p *inputParser) str(s *string) bool {
	if len(p.b) == 0 || p.b[0] != '"' {
		return false
	}
	end := bytes.IndexByte(p.b[1:], '"') + 1
	if end == 0 {
		return false
	}
	v := string(p.b[1:end])
	if !plainJSON(v) {
		return false
	}
	*s, p.b = v, p.b[end+1:]
	return true
}

// int takes a JSON number that is a non-negative integer without a
// leading zero.
func (p *inputParser) int(n *int) bool {
	i := 0
	for i < len(p.b) && '0' <= p.b[i] && p.b[i] <= '9' {
		i++
	}
	if i == 0 || i > 1 && p.b[0] == '0' {
		return false
	}
	v, err := strconv.Atoi(string(p.b[:i]))
	if err != nil {
		return false
	}
	*n, p.b = v, p.b[i:]
	return true
}
