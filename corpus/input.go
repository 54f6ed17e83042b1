package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Input is one source named by the user or found in a folder.
type Input struct {
	// Path is the file path as named or found, or "-" for standard input.
	Path string
	// Format is "txt", "html" or "jsonl": the reader [Read] uses. It is ""
	// for standard input, whose format is detected from its content.
	Format string
	// Size is the file's size in bytes, -1 when unknown (standard input).
	Size int64
}

// InputError is a problem with one input, or with one line of a JSONL
// input. Err wraps one of the package's sentinel errors (ErrBinary, …) or
// the I/O error behind it.
type InputError struct {
	Source string // the input's path, "-" for standard input
	Line   int    // the 1-based line of a JSONL input, or 0
	Err    error
}

// Error returns "source:line: message", without ":line" when Line is 0.
func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Source, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// formats maps the file extensions taken from folders to their format.
// .shtml and .xhtml are common on Chinese government sites.
var formats = map[string]string{
	".txt":   "txt",
	".text":  "txt",
	".html":  "html",
	".htm":   "html",
	".shtml": "html",
	".xhtml": "html",
	".jsonl": "jsonl",
}

// FormatOf returns the format of a file by its extension ("txt" for an
// unknown one) and whether the extension is known.
func FormatOf(path string) (format string, known bool) {
	f, ok := formats[strings.ToLower(filepath.Ext(path))]
	if !ok {
		return "txt", false
	}
	return f, true
}

// Find resolves command-line arguments — files, folders, glob patterns and
// "-" — into inputs, sorted by path so that runs are deterministic.
//
// A folder is walked recursively and only its .txt/.text, .html/.htm
// (also .shtml/.xhtml) and .jsonl files are taken; other files are counted
// in skipped. Files and folders whose names start with "." are ignored and
// not counted. A file named explicitly is read by its extension, an
// unknown extension as text. A pattern is expanded by [filepath.Match]
// rules, plus "**" for any number of folders (reports/**/*.html); the
// folders it matches are walked. A path named twice is taken once.
//
// A missing path, a bad pattern or a pattern that matches nothing is an
// error naming it; the other arguments are still resolved.
func Find(args []string) (inputs []Input, skipped int, errs []error) {
	seen := map[string]bool{}
	add := func(in Input) {
		key := in.Path
		if key != "-" {
			key = filepath.Clean(key)
		}
		if !seen[key] {
			seen[key] = true
			inputs = append(inputs, in)
		}
	}
	walk := func(root string) {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &InputError{Source: path, Err: pathErr(err)})
				return nil
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			format, known := FormatOf(path)
			if !known {
				skipped++
				return nil
			}
			info, err := os.Stat(path) // follows a symbolic link
			if err != nil || !info.Mode().IsRegular() {
				skipped++
				return nil
			}
			add(Input{Path: path, Format: format, Size: info.Size()})
			return nil
		})
		if err != nil {
			errs = append(errs, &InputError{Source: root, Err: pathErr(err)})
		}
	}
	take := func(path string, explicit bool) {
		info, err := os.Stat(path)
		if err != nil {
			errs = append(errs, &InputError{Source: path, Err: pathErr(err)})
			return
		}
		if info.IsDir() {
			walk(path)
			return
		}
		format, known := FormatOf(path)
		if !known && !explicit {
			skipped++
			return
		}
		add(Input{Path: path, Format: format, Size: info.Size()})
	}
	for _, arg := range args {
		switch {
		case arg == "-":
			add(Input{Path: "-", Size: -1})
		case hasMeta(arg):
			if _, err := os.Lstat(arg); err == nil {
				take(arg, true) // a file whose name holds '*' or '['
				continue
			}
			matches, err := glob(arg)
			if err != nil {
				errs = append(errs, &InputError{Source: arg, Err: err})
				continue
			}
			if len(matches) == 0 {
				errs = append(errs, &InputError{Source: arg, Err: errors.New("pattern matches no file")})
				continue
			}
			for _, m := range matches {
				take(m, false)
			}
		default:
			take(arg, true)
		}
	}
	slices.SortFunc(inputs, func(a, b Input) int { return strings.Compare(a.Path, b.Path) })
	return inputs, skipped, errs
}

func hasMeta(path string) bool {
	return strings.ContainsAny(path, `*?[`)
}

// glob is [filepath.Glob] with "**" standing for zero or more folders.
func glob(pattern string) ([]string, error) {
	if _, err := filepath.Match(strings.ReplaceAll(pattern, "**", "*"), ""); err != nil {
		return nil, fmt.Errorf("bad pattern: %w", err)
	}
	if !strings.Contains(pattern, "**") {
		return filepath.Glob(pattern)
	}
	// Walk the longest folder prefix without wildcards and match the rest.
	sep := string(filepath.Separator)
	parts := strings.Split(filepath.ToSlash(pattern), "/")
	i := 0
	for i < len(parts)-1 && !hasMeta(parts[i]) {
		i++
	}
	root := strings.Join(parts[:i], sep)
	if root == "" && strings.HasPrefix(pattern, sep) {
		root = sep
	} else if root == "" {
		root = "."
	}
	rest := parts[i:]
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable folders are reported by the walk of the match, if any
		}
		rel, err := filepath.Rel(root, path)
		if err != nil || rel == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if matchParts(rest, strings.Split(filepath.ToSlash(rel), "/")) {
			out = append(out, path)
			if d.IsDir() {
				return filepath.SkipDir // taken whole
			}
		}
		return nil
	})
	return out, err
}

// matchParts matches path segments against pattern segments, "**" matching
// any number of segments.
func matchParts(pat, name []string) bool {
	if len(pat) == 0 {
		return len(name) == 0
	}
	if pat[0] == "**" {
		for k := 0; k <= len(name); k++ {
			if matchParts(pat[1:], name[k:]) {
				return true
			}
		}
		return false
	}
	if len(name) == 0 {
		return false
	}
	ok, _ := filepath.Match(pat[0], name[0])
	return ok && matchParts(pat[1:], name[1:])
}

// pathErr drops the path from an *fs.PathError, as InputError names it.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// Stdin is where [Read] reads the input "-" from; tests may replace it.
var Stdin io.Reader = os.Stdin

// Read decodes one input into documents: one for a text or HTML file, one
// per line for JSONL, each normalized with [NewDocument].
//
// A problem with the whole input (it cannot be read, is binary, empty,
// undecodable or too long) yields (nil, err) once. A broken JSONL line
// yields (nil, err) for that line and reading goes on with the next. Every
// error is an *[InputError].
//
// Standard input ("-") is read whole, once; its format is detected by
// content unless Input.Format names it: JSONL if every non-empty line is a
// JSON object, HTML if it starts with '<', text otherwise.
func Read(in Input) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		fail := func(err error) { yield(nil, &InputError{Source: in.Path, Err: pathErr(err)}) }
		if in.Path == "-" {
			data, err := io.ReadAll(io.LimitReader(Stdin, MaxFile+1))
			if err != nil {
				fail(err)
				return
			}
			format := in.Format
			if format == "" {
				format = Sniff(data)
			}
			for d, err := range ReadBytes("-", format, data) {
				if !yield(d, err) {
					return
				}
			}
			return
		}
		format := in.Format
		if format == "" {
			format, _ = FormatOf(in.Path)
		}
		f, err := os.Open(in.Path)
		if err != nil {
			fail(err)
			return
		}
		defer f.Close()
		if format == "jsonl" {
			readJSONL(in.Path, f, yield)
			return
		}
		data, err := io.ReadAll(io.LimitReader(f, MaxFile+1))
		if err != nil {
			fail(err)
			return
		}
		for d, err := range ReadBytes(in.Path, format, data) {
			if !yield(d, err) {
				return
			}
		}
	}
}

// ReadBytes is [Read] for content already in memory. The name is used in
// messages and as the documents' Source and ID; format is "txt", "html" or
// "jsonl" (anything else reads as text).
func ReadBytes(name, format string, data []byte) iter.Seq2[*Document, error] {
	return readBytes(name, format, data, "")
}

// ReadDigested is [ReadBytes] for content whose SHA-256 digest the caller
// has already taken, as a run does to skip the inputs it has read before:
// the document of a text or HTML file carries sum, the digest in hex, as
// its SHA256, rather than a digest taken again. (A JSONL document carries
// the digest of its own line.)
func ReadDigested(name, format string, data []byte, sum string) iter.Seq2[*Document, error] {
	return readBytes(name, format, data, sum)
}

// readBytes is ReadBytes; sum is data's digest in hex, or "" to take it.
func readBytes(name, format string, data []byte, sum string) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		fail := func(err error) { yield(nil, &InputError{Source: name, Err: err}) }
		if format == "jsonl" {
			readJSONL(name, bytes.NewReader(data), yield)
			return
		}
		if len(data) > MaxFile {
			fail(fmt.Errorf("%w: more than %d MiB", ErrTooLong, MaxFile>>20))
			return
		}
		var (
			d   *Document
			err error
		)
		if format == "html" {
			d, err = readHTML(data)
		} else {
			format = "txt"
			d, err = readText(data)
		}
		if err != nil {
			fail(err)
			return
		}
		d.ID, d.Source, d.Format = name, name, format
		if sum == "" {
			h := sha256.Sum256(data)
			sum = hex.EncodeToString(h[:])
		}
		d.SHA256 = sum
		yield(d, nil)
	}
}

func readText(data []byte) (*Document, error) {
	if off := longLine(data, MaxLine*2); off >= 0 {
		// Checked on the raw bytes first so that a huge one-line file is
		// not decoded; no encoding more than doubles a line's length.
		return nil, fmt.Errorf("%w: line at byte %d runs over %d MiB", ErrTooLong, off, MaxLine>>20)
	}
	// Most texts are UTF-8 that Decode returns unchanged but for a BOM:
	// layout repair checks that as it goes (repairClean), so that they
	// skip Decode's own pass over every byte. The head of the bytes tells
	// most other encodings at once.
	if utf8Head(data) {
		text := string(bytes.TrimPrefix(data, utf8BOM))
		if r, clean := repairClean(text); clean {
			if err := checkText(text); err != nil {
				return nil, err
			}
			return newDocument(text, r), nil
		}
	}
	text, _, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if err := checkText(text); err != nil {
		return nil, err
	}
	return NewDocument(text), nil
}

// utf8Head reports whether the first 256 bytes of data or so, up to the
// start of a character, are valid UTF-8.
func utf8Head(data []byte) bool {
	n := min(len(data), 256)
	for n < len(data) && !utf8.RuneStart(data[n]) {
		n++
	}
	return utf8.Valid(data[:n])
}

// checkText rejects decoded text that is empty or has a line over MaxLine.
func checkText(text string) error {
	if strings.TrimFunc(text, isBlank) == "" {
		return ErrEmpty
	}
	if len(text) <= MaxLine {
		return nil // no line can be longer; spares longLine a copy of text
	}
	if off := longLine([]byte(text), MaxLine); off >= 0 {
		return fmt.Errorf("%w: line at byte %d runs over %d MiB", ErrTooLong, off, MaxLine>>20)
	}
	return nil
}

// isBlank reports white space, including the ideographic space and the
// zero-width characters and BOM that pad Chinese text.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF' || r == '\u200C' || r == '\u200D'
}

// Sniff guesses the format of content with no file name: "jsonl" if every
// non-empty line is a JSON object, "html" if it starts with '<', "txt"
// otherwise.
func Sniff(data []byte) string {
	trimmed := bytes.TrimLeftFunc(bytes.TrimPrefix(data, []byte("\uFEFF")), unicode.IsSpace)
	if len(trimmed) == 0 {
		return "txt"
	}
	if trimmed[0] == '<' {
		return "html"
	}
	if trimmed[0] != '{' {
		return "txt"
	}
	for line := range bytes.Lines(trimmed) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' || !json.Valid(line) {
			return "txt"
		}
	}
	return "jsonl"
}
