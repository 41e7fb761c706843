package web

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLifetimesEndAtTheMaximum(t *testing.T) {
	day := 24 * time.Hour
	seconds := func(cs []lifetimeChoice) (out []int64, selected int64) {
		for _, c := range cs {
			out = append(out, c.Seconds)
			if c.Selected {
				selected = c.Seconds
			}
		}
		return out, selected
	}
	got, sel := seconds(lifetimes(30*day, 10*day, 0))
	assert.Equal(t, []int64{3600, 86400, 7 * 86400, 10 * 86400}, got, "nothing above the maximum; the maximum itself")
	assert.Equal(t, int64(10*86400), sel, "a default above the maximum is not offered: the maximum is selected")

	got, sel = seconds(lifetimes(30*day, 876600*time.Hour, 0))
	assert.Equal(t, int64(876600*3600), got[len(got)-1])
	assert.Equal(t, int64(30*86400), sel, "the default is selected")
	assert.Equal(t, "the maximum (36525 days)", lifetimes(30*day, 876600*time.Hour, 0)[len(got)-1].Label)

	_, sel = seconds(lifetimes(30*day, 365*day, 7*86400))
	assert.Equal(t, int64(7*86400), sel, "the chosen lifetime stays selected")
}
