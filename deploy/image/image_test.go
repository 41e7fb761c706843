package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"debug/elf"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// TestImage builds the image from a static build of ./cmd/server, reads it
// back from the OCI layout and the tarball, checks its configuration and
// files, and runs the binary taken out of the image: it serves /healthz and
// the image's health check command says so.
func TestImage(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "gitauthd")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/server")
	build.Dir = "../.."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	img, err := Build(Options{Binary: bin, CA: "/etc/ssl/certs/ca-certificates.crt", Version: "v9.9.9-test", Arch: "amd64"})
	if err != nil {
		t.Fatal(err)
	}
	lay := filepath.Join(dir, "layout")
	if err := WriteLayout(lay, img); err != nil {
		t.Fatal(err)
	}
	tarPath := filepath.Join(dir, "image.tar")
	if err := tarball.WriteToFile(tarPath, mustTag(t), img); err != nil {
		t.Fatal(err)
	}

	// Read back what was written, not the value in memory.
	p, err := layout.FromPath(lay)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := p.ImageIndex()
	if err != nil {
		t.Fatal(err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Manifests) != 1 || im.Manifests[0].MediaType != types.OCIManifestSchema1 {
		t.Fatalf("layout index: %+v", im.Manifests)
	}
	got, err := p.Image(im.Manifests[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	fromTar, err := tarball.ImageFromPath(tarPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The tarball carries Docker's manifest format: compare configs.
	d1, _ := got.ConfigName()
	d2, _ := fromTar.ConfigName()
	if d1 != d2 {
		t.Fatalf("the layout's image config %s and the tarball's %s differ", d1, d2)
	}

	cf, err := got.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	c := cf.Config
	check(t, "user", c.User, "65532:65532")
	check(t, "entrypoint", strings.Join(c.Entrypoint, " "), "/usr/local/bin/gitauthd server")
	if _, ok := c.ExposedPorts["3000/tcp"]; !ok || len(c.ExposedPorts) != 1 {
		t.Errorf("exposed ports %v, want 3000/tcp", c.ExposedPorts)
	}
	if c.Healthcheck == nil || strings.Join(c.Healthcheck.Test, " ") != "CMD /usr/local/bin/gitauthd healthcheck" {
		t.Errorf("healthcheck %+v", c.Healthcheck)
	}
	check(t, "os/arch", cf.OS+"/"+cf.Architecture, "linux/amd64")
	check(t, "version label", c.Labels["org.opencontainers.image.version"], "v9.9.9-test")
	if !contains(c.Env, "GITAUTHD_DATA_DIR=/var/lib/gitauthd") || !contains(c.Env, "GITAUTHD_HTTP_ADDRESS=0.0.0.0:3000") {
		t.Errorf("env %v", c.Env)
	}

	layers, err := got.Layers()
	if err != nil {
		t.Fatal(err)
	}
	if len(layers) != 2 {
		t.Fatalf("%d layers, want 2 (system files, binary)", len(layers))
	}
	for _, l := range layers {
		mt, _ := l.MediaType()
		check(t, "layer media type", string(mt), string(types.OCILayer))
	}
	files := extract(t, got)
	want := map[string]struct {
		mode int64
		uid  int
	}{
		"etc/passwd": {0o644, 0}, "etc/group": {0o644, 0},
		"etc/ssl/certs/ca-certificates.crt": {0o644, 0},
		"usr/local/bin/gitauthd":            {0o755, 0},
		"var/lib/gitauthd":                  {0o700, 65532},
		"tmp":                               {0o1777, 0},
	}
	for name, w := range want {
		f, ok := files[name]
		if !ok {
			t.Errorf("the image has no %s", name)
			continue
		}
		if f.hdr.Mode != w.mode || f.hdr.Uid != w.uid {
			t.Errorf("%s: mode %o uid %d, want %o uid %d", name, f.hdr.Mode, f.hdr.Uid, w.mode, w.uid)
		}
	}
	if !strings.Contains(string(files["etc/passwd"].data), "gitauthd:x:65532:65532:") {
		t.Errorf("passwd has no gitauthd user:\n%s", files["etc/passwd"].data)
	}
	if !bytes.Contains(files["etc/ssl/certs/ca-certificates.crt"].data, []byte("-----BEGIN CERTIFICATE-----")) {
		t.Error("the CA bundle holds no certificate")
	}

	// The binary out of the image: static, and it serves.
	imgBin := filepath.Join(dir, "from-image")
	if err := os.WriteFile(imgBin, files["usr/local/bin/gitauthd"].data, 0o755); err != nil {
		t.Fatal(err)
	}
	ef, err := elf.Open(imgBin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ef.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary is dynamically linked (PT_INTERP): build it with CGO_ENABLED=0")
		}
	}
	ef.Close()
	addr := freeAddr(t)
	health := func() error {
		cmd := exec.Command(imgBin, c.Healthcheck.Test[2:]...)
		cmd.Env = []string{"GITAUTHD_HTTP_ADDRESS=" + addr}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return &exitErr{err, string(out)}
		}
		return nil
	}
	if health() == nil {
		t.Fatal("the health check passes with no server running")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := exec.CommandContext(ctx, imgBin, append(c.Entrypoint[1:], "--in-memory", "--http-address", addr)...)
	srv.Env = append(c.Env, "HOME="+dir)
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = srv.Wait() }()
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "gitauthd is listening on ") {
				ready <- true
			}
		}
		close(ready)
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("the server exited before listening")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start within 30 s")
	}
	res, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	check(t, "/healthz status", res.Status, "200 OK")
	if err := health(); err != nil {
		t.Fatalf("the image's health check: %v", err)
	}
}

type tarFile struct {
	hdr  *tar.Header
	data []byte
}

// extract reads the image's flattened file system.
func extract(t *testing.T, img v1.Image) map[string]tarFile {
	t.Helper()
	rc := mutate.Extract(img)
	defer rc.Close()
	tr := tar.NewReader(rc)
	files := map[string]tarFile{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[strings.TrimSuffix(h.Name, "/")] = tarFile{h, b}
	}
}

type exitErr struct {
	err error
	out string
}

func (e *exitErr) Error() string { return e.err.Error() + ": " + e.out }

func check(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: %q, want %q", what, got, want)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func mustTag(t *testing.T) name.Tag {
	t.Helper()
	tag, err := name.NewTag("gitauthd:test")
	if err != nil {
		t.Fatal(err)
	}
	return tag
}
