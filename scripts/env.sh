# shellcheck shell=bash
# The build environment, sourced by the other scripts (and by hand: `. scripts/env.sh`).
#
# Tools live outside the checkout, under $SPS_TOOLS (default ~/.cache/sps-dashboard),
# so a fresh clone reuses what an earlier setup installed on this machine.
# Two toolchains can build wasm32 (see ../shared/toolchain/README.md):
#   rustup : the rustup toolchain has the wasm32-unknown-unknown target installed
#   debian : Debian's rustc-web 1.96 rebuilds std from rust-web-src (-Z build-std)
# Either way wasm builds rebuild std from source when the sources are there (rustup's
# rust-src component; rust-web-src), with the profile's opt-level "z" and std's
# `optimize_for_size` feature: the release bundle is ~21 KB gzip smaller than with
# rustup's prebuilt std (BENCHMARKS.md "Bundle size"). Native builds never do
# (`sps_native` below).

SPS_TOOLS="${SPS_TOOLS:-$HOME/.cache/sps-dashboard}"
export SPS_TOOLS
SPS_BIN="$SPS_TOOLS/tools/bin"
SPS_BINARYEN_BIN="$SPS_TOOLS/binaryen/node_modules/.bin"

# rustup's sysroot (empty without rustup): its wasm32 std and its std sources.
_sps_sysroot=""
if [ -x "$HOME/.cargo/bin/rustc" ]; then
    _sps_sysroot="$(RUSTUP_AUTO_INSTALL=0 "$HOME/.cargo/bin/rustc" --print sysroot 2>/dev/null)" || _sps_sysroot=""
fi

if [ -z "${SPS_WASM_TOOLCHAIN:-}" ]; then
    if [ -n "$_sps_sysroot" ] && compgen -G "$_sps_sysroot/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib" >/dev/null; then
        SPS_WASM_TOOLCHAIN=rustup
    else
        SPS_WASM_TOOLCHAIN=debian
    fi
fi
export SPS_WASM_TOOLCHAIN

# Drop earlier copies of our directories so sourcing twice changes nothing.
_sps_path=":$PATH:"
for _d in "$SPS_BINARYEN_BIN" "$SPS_BIN" /usr/bin "$HOME/.cargo/bin"; do
    _sps_path="${_sps_path//:$_d:/:}"
done
_sps_path="${_sps_path#:}"
_sps_path="${_sps_path%:}"

if [ "$SPS_WASM_TOOLCHAIN" = rustup ]; then
    export PATH="$SPS_BINARYEN_BIN:$SPS_BIN:$HOME/.cargo/bin:/usr/bin:$_sps_path"
    # std's sources come with the rust-src component (scripts/setup adds it).
    if [ -n "$_sps_sysroot" ] && [ -f "$_sps_sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]; then
        SPS_BUILD_STD=1
    else
        SPS_BUILD_STD=0
    fi
else
    # Debian's cargo must come before rustup's proxies: Trunk runs plain `cargo`.
    export PATH="$SPS_BINARYEN_BIN:$SPS_BIN:/usr/bin:$HOME/.cargo/bin:$_sps_path"
    SPS_BUILD_STD=1
fi
export SPS_BUILD_STD
if [ "$SPS_BUILD_STD" = 1 ]; then
    # -Z build-std on a stable compiler; cargo itself must see these variables.
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
else
    unset RUSTC_BOOTSTRAP CARGO_UNSTABLE_BUILD_STD CARGO_UNSTABLE_BUILD_STD_FEATURES
fi
unset _sps_path _d _sps_sysroot

# wasm-bindgen-test runs in headless Chromium through chromedriver
# (options in webdriver.json at the repository root).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
# Trunk: no update check (only the package registries are reachable).
export TRUNK_SKIP_VERSION_CHECK=true
# Playwright drives Debian's Chromium; it must never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Native builds (tests, the sim, installed tools) never need a rebuilt std. On rustup's
# stable compiler they also run without RUSTC_BOOTSTRAP, as on any other machine.
sps_native() {
    local drop=(-u CARGO_UNSTABLE_BUILD_STD -u CARGO_UNSTABLE_BUILD_STD_FEATURES)
    [ "$SPS_WASM_TOOLCHAIN" = rustup ] && drop+=(-u RUSTC_BOOTSTRAP)
    env "${drop[@]}" "$@"
}
