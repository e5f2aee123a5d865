//! Parse and validate a typical (~200 byte) and a large (~5 KB) sessions query.
//! Run with `cargo bench -p sps-query`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use sps_query::{check, parse, validate, Schema};

/// A realistic composer query: groups, a wildcard, a phrase, ranges, negation.
const TYPICAL: &str = "(protocol:ssh OR protocol:rdp) AND user.gateway_username:adm* AND NOT verdict:DENY \
AND duration:[60 TO *] AND start_time:[2017-01-01 TO 2017-02-01} AND server.name:\"db-01.example.com\" AND active:false";

/// About 5 KB: many such groups, as a generated or pasted query might be.
fn large() -> String {
    let groups: Vec<String> = (0..29)
        .map(|i| {
            format!(
                "(user.gateway_username:user{i} AND protocol:(ssh rdp vnc) AND NOT recording.verdict:DENY \
                 AND analytics.score.aggregated:[{i} TO 100] AND client.ip:10.0.{i}.* AND server.port:22)"
            )
        })
        .collect();
    groups.join(" OR ")
}

fn bench(c: &mut Criterion) {
    let large = large();
    let schema = Schema::sessions();
    for (name, query) in [("200B", TYPICAL), ("5KB", large.as_str())] {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(query.len() as u64));
        group.bench_function("parse", |b| b.iter(|| parse(black_box(query))));
        let parsed = parse(query).expect("the benchmark queries parse");
        assert!(validate(&parsed, schema).is_empty(), "the benchmark queries are valid");
        group.bench_function("validate", |b| b.iter(|| validate(black_box(&parsed), schema)));
        group.bench_function("parse+validate (check)", |b| b.iter(|| check(black_box(query), schema)));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
