//go:build unix

package output

import (
	"os"
	"syscall"
)

// openInput opens an input file for reading. O_NONBLOCK, which reads of a
// regular file ignore, spares os.Open making the file non-blocking for the
// poller and, when the poller refuses a regular file, blocking again: four
// fcntl calls a file besides the epoll_ctl, nearly half of what reading a
// small report whole costs in system calls.
func openInput(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
