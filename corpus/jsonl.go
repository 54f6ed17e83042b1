package corpus

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonRecord is one line of a JSONL input. Unknown fields are ignored, so
// that corpora with extra metadata read as they are.
type jsonRecord struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Source    string          `json:"source"`
}

// readJSONL streams a JSONL input line by line, yielding one document per
// line and one error per broken line. Blank lines are skipped. A line over
// MaxJSONLine is an ErrTooLong error; past the limit its bytes are skipped,
// not held.
//
// The document ID is "name#<id>" when the line has an "id" (a string or a
// number), else "name#L<line>". Source stays the file's name, so that every
// document traces to a file; the line's own "source" goes into Origin.
// SHA256 is the digest of the line without its line break.
//
// A text laid out in paragraphs separated by blank lines keeps each of
// them, even one that ends in a comma or colon; any other text is repaired
// as an OCR'd page ([repairText]).
func readJSONL(name string, r io.Reader, yield func(*Document, error) bool) {
	for line, err := range jsonLines(name, r) {
		var d *Document
		if err == nil {
			d, err = ReadJSONLine(name, line)
		}
		if !yield(d, err) {
			return
		}
	}
}

// Line is one non-blank line of a JSONL input, without its line break.
type Line struct {
	No    int // from 1
	Bytes []byte
}

// JSONLines reads a JSONL input into its non-blank lines without decoding
// them, so that a caller can hand them to [ReadJSONLine] elsewhere, on
// other goroutines: [Read] is the two together. Errors are as Read's: an
// input that cannot be read ends it, a line over MaxJSONLine yields an
// ErrTooLong error and the lines go on.
func JSONLines(in Input) iter.Seq2[Line, error] {
	return func(yield func(Line, error) bool) {
		f, err := os.Open(in.Path)
		if err != nil {
			yield(Line{}, &InputError{Source: in.Path, Err: pathErr(err)})
			return
		}
		defer f.Close()
		for line, err := range jsonLines(in.Path, f) {
			if !yield(line, err) {
				return
			}
		}
	}
}

// jsonLines is JSONLines from r; each line's bytes are its own.
func jsonLines(name string, r io.Reader) iter.Seq2[Line, error] {
	return func(yield func(Line, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		var buf []byte
		for lineNo := 1; ; lineNo++ {
			line, err := readLine(br, &buf)
			if err != nil && !errors.Is(err, io.EOF) {
				if errors.Is(err, ErrTooLong) {
					if !yield(Line{}, &InputError{Source: name, Line: lineNo, Err: err}) {
						return
					}
					continue
				}
				yield(Line{}, &InputError{Source: name, Line: lineNo, Err: pathErr(err)})
				return
			}
			if lineNo == 1 {
				line = bytes.TrimPrefix(line, []byte("\uFEFF"))
			}
			if len(bytes.TrimSpace(line)) > 0 {
				if !yield(Line{No: lineNo, Bytes: bytes.Clone(line)}, nil) {
					return
				}
			}
			if err != nil { // io.EOF
				return
			}
		}
	}
}

// ReadJSONLine decodes one line of the JSONL input name into its
// document, as [Read] does; a broken line is an *[InputError].
func ReadJSONLine(name string, line Line) (*Document, error) {
	d, err := jsonDocument(name, line.No, line.Bytes)
	if err != nil {
		return nil, &InputError{Source: name, Line: line.No, Err: err}
	}
	return d, nil
}

// readLine returns the next line without its "\n" or "\r\n", reusing buf.
// At the end of the input it returns the last line (maybe empty) with
// io.EOF. A line longer than MaxJSONLine is skipped to its end and
// reported as ErrTooLong.
func readLine(br *bufio.Reader, buf *[]byte) ([]byte, error) {
	*buf = (*buf)[:0]
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(*buf)+len(chunk) > MaxJSONLine+2 {
				tooLong = true
				*buf = (*buf)[:0]
			} else {
				*buf = append(*buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			if err == nil {
				err = fmt.Errorf("%w: line over %d MiB", ErrTooLong, MaxJSONLine>>20)
			} else if errors.Is(err, io.EOF) {
				// Report the long line; the next call sees EOF again.
				err = fmt.Errorf("%w: line over %d MiB", ErrTooLong, MaxJSONLine>>20)
			}
			return nil, err
		}
		line := bytes.TrimSuffix(*buf, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		return line, err
	}
}

func jsonDocument(name string, lineNo int, line []byte) (*Document, error) {
	var rec jsonRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%w: %v (at byte %d)", ErrJSON, err, se.Offset)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return nil, fmt.Errorf("%w: field %q must be a %s, not %s", ErrJSON, te.Field, te.Type, te.Value)
		}
		return nil, fmt.Errorf("%w: %v", ErrJSON, err)
	}
	id, err := jsonID(rec.ID)
	if err != nil {
		return nil, err
	}
	if rec.Text == nil {
		return nil, fmt.Errorf("%w: no \"text\" field", ErrJSON)
	}
	text := *rec.Text
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if err := checkText(text); err != nil {
		return nil, err
	}
	d := newDocument(text, repairText(text))
	d.Source, d.Format = name, "jsonl"
	if id != "" {
		d.ID = name + "#" + id
	} else {
		d.ID = name + "#L" + strconv.Itoa(lineNo)
	}
	d.Title = strings.TrimSpace(rec.Title)
	d.Published = normalizeDate(rec.Published)
	d.Origin = strings.TrimSpace(rec.Source)
	sum := sha256.Sum256(line)
	d.SHA256 = hex.EncodeToString(sum[:])
	return d, nil
}

// jsonID returns a line's id as text: a string as it is, a number as
// written; "" when absent or null.
func jsonID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("%w: id: %v", ErrJSON, err)
		}
		return strings.TrimSpace(s), nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw), nil
	}
	return "", fmt.Errorf("%w: \"id\" must be a string or a number, not %s", ErrJSON, raw)
}
