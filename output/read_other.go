//go:build !unix

package output

import (
	"bytes"
	"io"
	"os"
)

// readUpTo returns the bytes of the file name, or its first limit+1 bytes
// if it holds more; size is how many it is expected to hold.
func readUpTo(name string, size, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A buffer of the size expected, with room to meet the end of the
	// file, takes one read for the bytes and one for io.EOF; ReadAll
	// would start at 512 bytes and read a report in five or six.
	buf := bytes.NewBuffer(make([]byte, 0, min(size, limit)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
