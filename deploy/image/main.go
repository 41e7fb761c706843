// Command image builds gitauthd's OCI image without a Docker daemon or a
// registry, with go-containerregistry as a library: an empty base, then a
// layer with the system files (passwd and group naming the non-root user,
// the CA bundle, the data directory) and a layer with the static binary.
// `make image` runs it:
//
//	go run . --binary ../../bin/gitauthd --layout ../../bin/image --tarball ../../bin/gitauthd-image.tar
//
// The layout directory is an OCI image layout (skopeo, podman and crane read
// it); the tarball is what `docker load` and `podman load` take.
package main

import (
	"archive/tar"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// What the image holds, and where.
const (
	BinaryPath = "/usr/local/bin/gitauthd"
	CAPath     = "/etc/ssl/certs/ca-certificates.crt"
	DataDir    = "/var/lib/gitauthd"
	UID        = 65532 // the "nonroot" id of distroless images
	Port       = "3000/tcp"
)

// Options of one build.
type Options struct {
	Binary  string // the static gitauthd binary (make build)
	CA      string // the CA bundle to include
	Version string // the image's version label
	Arch    string // the binary's GOARCH
}

func main() {
	var o Options
	var layoutDir, tarPath, ref string
	flag.StringVar(&o.Binary, "binary", "", "the static gitauthd binary to put in the image (required)")
	flag.StringVar(&o.CA, "ca-bundle", "/etc/ssl/certs/ca-certificates.crt", "CA certificates (PEM) for the image")
	flag.StringVar(&o.Version, "version", "devel", "the image's org.opencontainers.image.version")
	flag.StringVar(&o.Arch, "arch", runtime.GOARCH, "the binary's architecture (GOARCH)")
	flag.StringVar(&layoutDir, "layout", "", "write an OCI image layout to this directory")
	flag.StringVar(&tarPath, "tarball", "", "write a tarball for docker/podman load to this file")
	flag.StringVar(&ref, "tag", "gitauthd:latest", "the image's name in the tarball")
	flag.Parse()
	if o.Binary == "" || (layoutDir == "" && tarPath == "") {
		fmt.Fprintln(os.Stderr, "usage: image --binary FILE [--layout DIR] [--tarball FILE] [--tag NAME] [--ca-bundle FILE]")
		os.Exit(2)
	}
	img, err := Build(o)
	if err == nil && layoutDir != "" {
		err = WriteLayout(layoutDir, img)
	}
	if err == nil && tarPath != "" {
		var tag name.Tag
		if tag, err = name.NewTag(ref); err == nil {
			err = tarball.WriteToFile(tarPath, tag, img)
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "image: %v\n", err)
		os.Exit(1)
	}
	d, _ := img.Digest()
	fmt.Printf("built %s (%s)\n", ref, d)
}

// Build assembles the image.
func Build(o Options) (v1.Image, error) {
	bin, err := os.ReadFile(o.Binary)
	if err != nil {
		return nil, fmt.Errorf("--binary: %w", err)
	}
	ca, err := os.ReadFile(o.CA)
	if err != nil {
		return nil, fmt.Errorf("--ca-bundle: %w", err)
	}
	system, err := layer([]file{
		{name: "etc/", dir: true, mode: 0o755},
		{name: "etc/passwd", mode: 0o644, data: fmt.Appendf(nil, "root:x:0:0:root:/root:/sbin/nologin\ngitauthd:x:%d:%d:gitauthd:%s:/sbin/nologin\n", UID, UID, DataDir)},
		{name: "etc/group", mode: 0o644, data: fmt.Appendf(nil, "root:x:0:\ngitauthd:x:%d:\n", UID)},
		{name: "etc/ssl/", dir: true, mode: 0o755},
		{name: "etc/ssl/certs/", dir: true, mode: 0o755},
		{name: CAPath[1:], mode: 0o644, data: ca},
		{name: "tmp/", dir: true, mode: 0o1777},
		{name: "var/", dir: true, mode: 0o755},
		{name: "var/lib/", dir: true, mode: 0o755},
		{name: DataDir[1:] + "/", dir: true, mode: 0o700, uid: UID},
	})
	if err != nil {
		return nil, err
	}
	app, err := layer([]file{
		{name: "usr/", dir: true, mode: 0o755},
		{name: "usr/local/", dir: true, mode: 0o755},
		{name: "usr/local/bin/", dir: true, mode: 0o755},
		{name: BinaryPath[1:], mode: 0o755, data: bin},
	})
	if err != nil {
		return nil, err
	}
	base := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	base = mutate.ConfigMediaType(base, types.OCIConfigJSON)
	img, err := mutate.AppendLayers(base, system, app)
	if err != nil {
		return nil, err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	cf.Architecture, cf.OS = o.Arch, "linux"
	cf.Created = v1.Time{Time: time.Unix(0, 0).UTC()}
	cf.Config = v1.Config{
		User:         fmt.Sprintf("%d:%d", UID, UID),
		Entrypoint:   []string{BinaryPath, "server"},
		Env:          []string{"GITAUTHD_HTTP_ADDRESS=0.0.0.0:3000", "GITAUTHD_DATA_DIR=" + DataDir, "SSL_CERT_FILE=" + CAPath},
		ExposedPorts: map[string]struct{}{Port: {}},
		Volumes:      map[string]struct{}{DataDir: {}},
		WorkingDir:   DataDir,
		StopSignal:   "SIGTERM",
		Healthcheck: &v1.HealthConfig{
			Test:        []string{"CMD", BinaryPath, "healthcheck"},
			Interval:    10 * time.Second,
			Timeout:     5 * time.Second,
			StartPeriod: 10 * time.Second,
			Retries:     3,
		},
		Labels: map[string]string{
			"org.opencontainers.image.title":         "gitauthd",
			"org.opencontainers.image.version":       o.Version,
			"org.opencontainers.image.source":        "https://github.com/gitauthd/gitauthd",
			"org.opencontainers.image.documentation": "https://github.com/gitauthd/gitauthd/blob/main/docs/deployment.md",
		},
	}
	return mutate.ConfigFile(img, cf)
}

// WriteLayout writes img as the only image of an OCI layout in dir.
func WriteLayout(dir string, img v1.Image) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		return err
	}
	return p.AppendImage(img)
}

type file struct {
	name string
	dir  bool
	mode int64
	uid  int
	data []byte
}

// layer is a gzipped tar layer of files, with fixed times and owners, so
// that the same inputs give the same digest.
func layer(files []file) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: f.mode, Uid: f.uid, Gid: f.uid, ModTime: time.Unix(0, 0), Format: tar.FormatPAX}
		if f.dir {
			h.Typeflag = tar.TypeDir
		} else {
			h.Typeflag, h.Size = tar.TypeReg, int64(len(f.data))
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(b)), nil
	}, tarball.WithMediaType(types.OCILayer))
}
