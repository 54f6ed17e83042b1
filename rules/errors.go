package rules

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrInvalid is wrapped by every rule-set error, so callers can tell a
// broken rule set from an I/O failure with errors.Is.
var ErrInvalid = errors.New("invalid rule set")

// Error is one problem in a rule file.
type Error struct {
	File string
	Line int
	Col  int
	Rule string // the rule's id, when known
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Rule != "" {
		b.WriteString(e.Rule)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return ErrInvalid }

// ErrorList is every problem found while loading a rule set.
type ErrorList []*Error

func (l *ErrorList) add(file string, line, col int, rule, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Col: col, Rule: rule, Msg: fmt.Sprintf(format, args...)})
}

// Error lists the problems one per line.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (l ErrorList) Unwrap() error { return ErrInvalid }

// Err returns nil for an empty list, else the list sorted by position.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return l
}
