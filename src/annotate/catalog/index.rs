//! The catalog's names, indexed by their folded tokens, and matched a text
//! token at a time.
//!
//! A name is cut, after [folding](crate::text::normalize), into tokens the
//! way a text is (runs of word characters, and single other visible
//! characters), each marked with whether a space came before it. Tokens
//! get ids from a vocabulary; names are paths in a trie whose edges are
//! `(node, token, spaced)`. Matching walks the trie from each token of the
//! text — only where a name may start, after the proclitics a word may
//! carry — so the cost per text token is one vocabulary probe (most tokens
//! are in no name and stop there) plus one edge probe per token of a name
//! found: it does not grow with the catalog (BENCHMARKS.md).
//!
//! Both tables are open-addressing arrays of integers (no per-entry
//! allocation), with a hash that is the same on every platform.

use crate::hash::{same_bytes, word_hash as hash};
pub(super) use crate::text::normalize::Token;
use crate::text::words::{self, MIN_STEM_CHARS};

/// What a text must hold for a name to match there: its tokens, as ids.
pub(super) struct Index {
    /// The vocabulary: token bytes, back to back.
    bytes: Vec<u8>,
    /// Token `i` is `bytes[ends[i - 1]..ends[i]]`.
    ends: Vec<u32>,
    /// Token hashes, by id.
    hashes: Vec<u64>,
    /// Open addressing over the tokens: the hash's high half above the id
    /// + 1 (0 is an empty slot), so a probe that misses reads one slot.
    vocab: Vec<u64>,
    /// Trie edges below the root, open addressing: the packed key (`EMPTY`
    /// when free) and the child node, side by side (one cache line per
    /// probe).
    edges: Vec<Edge>,
    /// The root's children, by token id (0: none): the first step of every
    /// walk, without hashing.
    roots: Vec<u32>,
    /// Per node: what ends there and a filter of its children.
    nodes: Vec<Node>,
    /// Whether any entity may take an enclitic (skips the suffix probes
    /// when none does).
    pub(super) enclitics: bool,
    /// `(node, entity)` for every entity that shares the name ending at
    /// `node` with the one its terminal holds (the first listed), sorted.
    pub(super) shared: Vec<(u32, u32)>,
}

const EMPTY: u64 = u64::MAX;
const NO_TOKEN: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Edge {
    key: u64,
    child: u32,
}

const FREE: Edge = Edge { key: EMPTY, child: 0 };

/// A trie node. Read at every step of a walk, so a step that cannot go on
/// — most of them: a name's first word is rarely followed by the rest of
/// it — stops here, without a probe of the edge table (a cache miss at
/// 100k names).
#[derive(Clone, Copy, Default)]
struct Node {
    /// Entity + 1 of the name ending here (0: none), with `ELIDABLE` set
    /// when the name begins with the article and has at least two letters
    /// after it (so ل + ال may be written لل).
    terminal: u32,
    /// A one-word Bloom filter of the children's `(token, spaced)`
    /// ([`child_bit`]); 0 for a leaf.
    children: u32,
}

/// The bit of `(token, spaced)` in a [`Node`]'s filter.
#[inline]
fn child_bit(token: u32, spaced: bool) -> u32 {
    1 << ((token.wrapping_mul(0x9E37_79B9) >> 27) ^ u32::from(spaced))
}
const ELIDABLE: u32 = 1 << 31;
const ROOT: u32 = 0;

/// A token's range in its text.
fn range(tok: Token) -> std::ops::Range<usize> {
    tok.start as usize..tok.end as usize
}

/// The tokens of folded `text` (which has no white space but spaces),
/// for names; a text is cut while it is folded
/// ([`fold_cut`](crate::text::normalize::fold_cut)).
/// Texts longer than 4 GiB are cut at 4 GiB (inputs are capped far below).
pub(super) fn tokens(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let n = bytes.len().min(u32::MAX as usize);
    let mut spaced = false;
    let mut i = 0;
    while i < n {
        if bytes[i] == b' ' {
            spaced = true;
            i += 1;
            continue;
        }
        let (len, word) = char_at(text, i);
        if len == 0 {
            // White space other than a space (never in a folded text).
            spaced = true;
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let start = i;
        i += len;
        if word {
            while i < n {
                let (len, word) = char_at(text, i);
                if !word {
                    break;
                }
                i += len;
            }
        }
        out.push(Token {
            start: start as u32,
            end: i.min(n) as u32,
            spaced,
            word,
            orig: crate::text::normalize::NOT_PLAIN,
        });
        spaced = false;
    }
}

/// The length of the character at byte `i` of `text` (a char boundary)
/// and whether it belongs to a word ([`words::word_char_at`]); `(0, false)`
/// for white space beyond ASCII (`tokens` takes the space itself).
#[inline]
fn char_at(text: &str, i: usize) -> (usize, bool) {
    let (len, word) = words::word_char_at(text, i);
    if !word
        && len > 1
        && text
            .get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_whitespace)
    {
        return (0, false);
    }
    (len, word)
}

fn edge_key(node: u32, token: u32, spaced: bool) -> u64 {
    u64::from(node) << 32 | u64::from(token) << 1 | u64::from(spaced)
}

fn edge_slot(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x2127_599B_F432_5C37) >> 20) as usize & mask
}

/// A match found by [`Index::find`]: folded bytes and the entity.
pub(super) struct Hit {
    pub start: usize,
    pub end: usize,
    pub entity: u32,
    /// The trie node the name ends at (its alternatives and guards).
    pub node: u32,
    /// The tokens it covers, `first..last` (the first may start with a
    /// proclitic, the last end with an enclitic).
    pub first: u32,
    pub last: u32,
}

impl Index {
    /// An index of `names`: `(folded name, entity)` pairs; the first entity
    /// given a name keeps it. Names that cut into no token are skipped.
    pub(super) fn new<'a>(names: impl Iterator<Item = (&'a str, u32, bool)>, size_hint: usize) -> Index {
        let mut index = Index {
            bytes: Vec::new(),
            ends: Vec::new(),
            hashes: Vec::new(),
            vocab: vec![0; (size_hint * 2).next_power_of_two().max(16)],
            edges: vec![FREE; (size_hint * 2).next_power_of_two().max(16)],
            roots: Vec::new(),
            nodes: vec![Node::default()],
            enclitics: false,
            shared: Vec::new(),
        };
        let mut toks = Vec::new();
        for (name, entity, enclitics) in names {
            tokens(name, &mut toks);
            if toks.is_empty() {
                continue;
            }
            index.enclitics |= enclitics;
            let mut node = ROOT;
            for (k, t) in toks.iter().enumerate() {
                let id = index.intern(&name.as_bytes()[range(*t)]);
                node = index.child_or_insert(node, id, k > 0 && t.spaced);
            }
            let slot = &mut index.nodes[node as usize].terminal;
            if *slot & !ELIDABLE == 0 {
                let elidable = name
                    .strip_prefix("ال")
                    .is_some_and(|rest| rest.chars().nth(1).is_some());
                *slot = (entity + 1) | if elidable { ELIDABLE } else { 0 };
            } else if *slot & !ELIDABLE != entity + 1 {
                index.shared.push((node, entity));
            }
        }
        // Sorted, without repeats (the crate's one sort: generic ones cost
        // wasm bytes).
        let mut keys = Vec::with_capacity(index.shared.len());
        for &(node, entity) in &index.shared {
            keys.push((node as usize, entity as usize, 0));
        }
        crate::model::sort_keys(&mut keys);
        index.shared.clear();
        for &(node, entity, _) in &keys {
            let s = (node as u32, entity as u32);
            if index.shared.last() != Some(&s) {
                index.shared.push(s);
            }
        }
        index
    }

    /// The entities other than the terminal's that share the name ending
    /// at `node`.
    #[cfg(test)]
    pub(super) fn alternatives(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        self.shared_with(node).iter().map(|&(_, e)| e)
    }

    /// The `(node, entity)` pairs of [`Index::shared`] at `node`.
    pub(super) fn shared_with(&self, node: u32) -> &[(u32, u32)] {
        let (mut from, n) = (0, self.shared.len());
        let mut hi = n;
        while from < hi {
            let mid = from + (hi - from) / 2;
            if self.shared[mid].0 < node {
                from = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut to = from;
        while to < n && self.shared[to].0 == node {
            to += 1;
        }
        &self.shared[from..to]
    }

    /// `(node, entity, folded name)` of every one-token name.
    pub(super) fn one_token_names(&self) -> impl Iterator<Item = (u32, u32, &[u8])> + '_ {
        self.roots.iter().enumerate().filter_map(|(token, &node)| {
            let entity = (self.nodes.get(node as usize)?.terminal & !ELIDABLE).checked_sub(1)?;
            (node != ROOT).then(|| (node, entity, self.token(token as u32)))
        })
    }

    /// How many nodes the trie has (the root included).
    pub(super) fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// How many names end somewhere in the trie.
    pub(super) fn names(&self) -> usize {
        self.nodes.iter().filter(|n| n.terminal & !ELIDABLE != 0).count()
    }

    fn token(&self, id: u32) -> &[u8] {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.bytes[start..self.ends[i] as usize]
    }

    /// The id of `token`, when a name has it.
    #[inline]
    fn lookup(&self, token: &[u8]) -> Option<u32> {
        self.lookup_hashed(token, hash(token))
    }

    /// [`Index::lookup`] of a token whose hash is `h`.
    #[inline]
    fn lookup_hashed(&self, token: &[u8], h: u64) -> Option<u32> {
        let mask = self.vocab.len() - 1;
        let mut slot = h as usize & mask;
        let high = h >> 32;
        loop {
            let v = self.vocab[slot];
            if v == 0 {
                return None;
            }
            if v >> 32 == high {
                let id = (v as u32).wrapping_sub(1);
                if same_bytes(self.token(id), token) {
                    return Some(id);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    fn intern(&mut self, token: &[u8]) -> u32 {
        if let Some(id) = self.lookup(token) {
            return id;
        }
        if (self.ends.len() + 1) * 2 > self.vocab.len() {
            self.grow_vocab();
        }
        self.push_token(token)
    }

    /// Adds `token` (not in the vocabulary yet) and returns its id.
    fn push_token(&mut self, token: &[u8]) -> u32 {
        let id = self.ends.len() as u32;
        self.bytes.extend_from_slice(token);
        self.ends.push(self.bytes.len() as u32);
        let h = hash(token);
        self.hashes.push(h);
        self.place_token(id, h);
        id
    }

    fn place_token(&mut self, id: u32, h: u64) {
        let mask = self.vocab.len() - 1;
        let mut slot = h as usize & mask;
        while self.vocab[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.vocab[slot] = (h >> 32) << 32 | u64::from(id + 1);
    }

    fn grow_vocab(&mut self) {
        self.vocab = vec![0; self.vocab.len() * 2];
        for id in 0..self.hashes.len() {
            self.place_token(id as u32, self.hashes[id]);
        }
    }

    #[inline]
    fn child(&self, node: u32, token: u32, spaced: bool) -> Option<u32> {
        if node == ROOT {
            // A name's first token has no space before it.
            return self
                .roots
                .get(token as usize)
                .copied()
                .filter(|&c| c != ROOT && !spaced);
        }
        if self.nodes.get(node as usize)?.children & child_bit(token, spaced) == 0 {
            return None;
        }
        let key = edge_key(node, token, spaced);
        let mask = self.edges.len() - 1;
        let mut slot = edge_slot(key, mask);
        loop {
            let e = self.edges[slot];
            if e.key == key {
                return Some(e.child);
            }
            if e.key == EMPTY {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    fn child_or_insert(&mut self, node: u32, token: u32, spaced: bool) -> u32 {
        if let Some(child) = self.child(node, token, spaced) {
            return child;
        }
        if (self.nodes.len() + 1) * 2 > self.edges.len() {
            self.grow_edges();
        }
        let child = self.nodes.len() as u32;
        self.nodes.push(Node::default());
        if node == ROOT {
            if self.roots.len() <= token as usize {
                self.roots.resize(token as usize + 1, ROOT);
            }
            self.roots[token as usize] = child;
            return child;
        }
        self.place_edge(Edge {
            key: edge_key(node, token, spaced),
            child,
        });
        self.nodes[node as usize].children |= child_bit(token, spaced);
        child
    }

    fn place_edge(&mut self, edge: Edge) {
        let mask = self.edges.len() - 1;
        let mut slot = edge_slot(edge.key, mask);
        while self.edges[slot].key != EMPTY {
            slot = (slot + 1) & mask;
        }
        self.edges[slot] = edge;
    }

    /// [`Index::place_edge`] of an edge whose key may already be there
    /// (a crafted binary form): one walk of the probe chain, false when
    /// the key is found.
    fn place_new_edge(&mut self, edge: Edge) -> bool {
        let mask = self.edges.len() - 1;
        let mut slot = edge_slot(edge.key, mask);
        loop {
            let key = self.edges[slot].key;
            if key == edge.key {
                return false;
            }
            if key == EMPTY {
                self.edges[slot] = edge;
                return true;
            }
            slot = (slot + 1) & mask;
        }
    }

    fn grow_edges(&mut self) {
        let size = self.edges.len() * 2;
        let old = std::mem::replace(&mut self.edges, vec![FREE; size]);
        for edge in old.into_iter().filter(|e| e.key != EMPTY) {
            self.place_edge(edge);
        }
    }

    /// The index in the catalog's binary form: the vocabulary (each token's
    /// length and bytes), then every node below the root in creation order
    /// (its parent, its token and space bit, its terminal), then whether any
    /// entity takes enclitics. Hash tables are not stored: they are rebuilt
    /// at load, which costs a probe per token and per edge, less than
    /// reading them would.
    pub(super) fn write(&self, out: &mut Vec<u8>, put_len: fn(&mut Vec<u8>, usize)) {
        put_len(out, self.ends.len());
        for id in 0..self.ends.len() {
            let token = self.token(id as u32);
            put_len(out, token.len());
            out.extend_from_slice(token);
        }
        // Each node's (parent, token << 1 | spaced), by node.
        let mut links = vec![(0u32, 0u32); self.nodes.len()];
        for (token, &child) in self.roots.iter().enumerate() {
            if let Some(link) = links.get_mut(child as usize).filter(|_| child != ROOT) {
                *link = (ROOT, (token as u32) << 1);
            }
        }
        for e in self.edges.iter().filter(|e| e.key != EMPTY) {
            if let Some(link) = links.get_mut(e.child as usize) {
                *link = ((e.key >> 32) as u32, e.key as u32);
            }
        }
        put_len(out, self.nodes.len() - 1);
        for (node, &(parent, token)) in links.iter().enumerate().skip(1) {
            // Parents come before their children: the gap is small.
            put_len(out, node - parent as usize);
            put_len(out, token as usize);
            let t = self.nodes[node].terminal;
            put_len(out, ((t & !ELIDABLE) as usize) << 1 | usize::from(t & ELIDABLE != 0));
        }
        out.push(u8::from(self.enclitics));
        // The shared names: each node's gap from the one before, and the entity.
        put_len(out, self.shared.len());
        let mut last = 0;
        for &(node, entity) in &self.shared {
            put_len(out, (node - last) as usize);
            put_len(out, entity as usize);
            last = node;
        }
    }

    /// Reads what [`Index::write`] wrote, for a catalog of `entities`
    /// entries. Anything inconsistent — a token twice, a parent after its
    /// child, an unknown token or entity, an edge twice — is an error
    /// naming it.
    pub(super) fn read(r: &mut super::codec::Reader<'_>, entities: usize) -> crate::error::Result<Index> {
        let bad = |what: String| super::catalog_error(format!("catalog bytes: index: {what}"));
        // Each token takes at least two bytes, each node three: counts
        // beyond that are refused before anything is allocated for them.
        let tokens = r.count(2, &|| "index: token count".into())?;
        let mut index = Index {
            bytes: Vec::new(),
            ends: Vec::with_capacity(tokens),
            hashes: Vec::with_capacity(tokens),
            vocab: vec![0; (tokens * 2).next_power_of_two().max(16)],
            edges: Vec::new(),
            roots: Vec::new(),
            nodes: Vec::new(),
            enclitics: false,
            shared: Vec::new(),
        };
        for i in 0..tokens {
            let token = r.bytes(&|| format!("index: token {i}"))?;
            if token.is_empty() || index.lookup(token).is_some() {
                return Err(bad(format!("token {i} is empty or repeated")));
            }
            index.push_token(token);
        }
        let nodes = r.count(3, &|| "index: node count".into())?;
        index.edges = vec![FREE; ((nodes + 1) * 2).next_power_of_two().max(16)];
        index.nodes = vec![Node::default(); nodes + 1];
        index.roots = vec![ROOT; tokens];
        for node in 1..=nodes {
            let what = || format!("index: node {node}");
            let gap = r.len(&what)?;
            let link = r.len(&what)?;
            let terminal = r.len(&what)?;
            let parent = node.checked_sub(gap).filter(|&p| gap > 0 && p < node);
            let (token, spaced) = (link >> 1, link & 1 != 0);
            let entity = terminal >> 1;
            let (Some(parent), true, true) = (parent, token < tokens, entity <= entities) else {
                return Err(bad(format!("node {node}: bad parent, token or entity")));
            };
            let child = node as u32;
            if parent == ROOT as usize {
                match index.roots.get_mut(token) {
                    Some(slot) if *slot == ROOT && !spaced => *slot = child,
                    _ => return Err(bad(format!("node {node}: a first token twice, or spaced"))),
                }
            } else {
                let key = edge_key(parent as u32, token as u32, spaced);
                if !index.place_new_edge(Edge { key, child }) {
                    return Err(bad(format!("node {node}: an edge twice")));
                }
                index.nodes[parent].children |= child_bit(token as u32, spaced);
            }
            index.nodes[node].terminal = entity as u32 | if terminal & 1 != 0 { ELIDABLE } else { 0 };
        }
        index.enclitics = r.byte(&|| "index: enclitics".into())? != 0;
        // Shared names: in order, each on a name's end, not its terminal's
        // entity, none twice.
        let count = r.count(2, &|| "index: shared count".into())?;
        let mut last = (0usize, 0usize);
        for i in 0..count {
            let what = || format!("index: shared {i}");
            let node = last.0 + r.len(&what)?;
            let entity = r.len(&what)?;
            let terminal = index.nodes.get(node).map_or(0, |n| n.terminal & !ELIDABLE) as usize;
            if terminal == 0 || entity >= entities || terminal == entity + 1 || (i > 0 && (node, entity) <= last) {
                return Err(bad(format!("shared {i}: bad node or entity")));
            }
            index.shared.push((node as u32, entity as u32));
            last = (node, entity);
        }
        Ok(index)
    }

    /// Mentions in folded `text`, cut into `toks` ([`tokens`]), in order,
    /// not overlapping: at each token, the reading with the fewest
    /// proclitics that starts a name wins, then the longest name from there.
    /// `enclitic_ok(entity)` says whether an entity may end before an
    /// attached pronoun.
    pub(super) fn find(
        &self,
        text: &str,
        toks: &[Token],
        hashes: &[u64],
        enclitic_ok: &dyn Fn(u32) -> bool,
        out: &mut Vec<Hit>,
    ) {
        let bytes = text.as_bytes();
        // Each token is looked up once (hashed once for every catalog,
        // when `hashes` has them); walks read the ids.
        let ids: Vec<u32> = toks
            .iter()
            .enumerate()
            .map(|(k, &tok)| {
                let token = &bytes[range(tok)];
                let h = hashes.get(k).copied().unwrap_or_else(|| hash(token));
                self.lookup_hashed(token, h).unwrap_or(NO_TOKEN)
            })
            .collect();
        let mut elided_key = Vec::with_capacity(32);
        let mut t = 0;
        while let Some(&tok) = toks.get(t) {
            let (ts, te) = (tok.start as usize, tok.end as usize);
            let word = &text[ts..te];
            let start = Start {
                text,
                word,
                prefix: 0,
                elided: false,
            };
            // The whole token first: the fewest proclitics (none).
            let id = ids[t];
            let mut found = if id != NO_TOKEN || self.enclitics {
                self.walk(bytes, toks, &ids, t, &start, &bytes[ts..te], id, enclitic_ok)
            } else {
                None
            };
            if found.is_none() && tok.word && words::may_have_proclitics(word) {
                for reading in words::proclitic_readings(word) {
                    let at = ts + reading.len;
                    if found.as_ref().is_some_and(|f| f.start < at) {
                        break;
                    }
                    let rest = &bytes[at..te];
                    let key = if reading.article_elided {
                        elided_key.clear();
                        elided_key.extend_from_slice("ا".as_bytes());
                        elided_key.extend_from_slice(rest);
                        &elided_key[..]
                    } else {
                        rest
                    };
                    let id = self.lookup(key).unwrap_or(NO_TOKEN);
                    if id == NO_TOKEN && !self.enclitics {
                        continue;
                    }
                    let start = Start {
                        text,
                        word,
                        prefix: reading.len,
                        elided: reading.article_elided,
                    };
                    let Some(hit) = self.walk(bytes, toks, &ids, t, &start, key, id, enclitic_ok) else {
                        continue;
                    };
                    // The same start (an elided and a plain reading): the
                    // longer wins.
                    if found.as_ref().is_none_or(|f| hit.start == f.start && hit.end > f.end) {
                        found = Some(hit);
                    }
                }
            }
            match found {
                Some(hit) => {
                    let end = hit.end;
                    out.push(hit);
                    while toks.get(t).is_some_and(|k| (k.start as usize) < end) {
                        t += 1;
                    }
                }
                None => t += 1,
            }
        }
    }

    /// The longest name from `start` in token `t`, whose first token reads
    /// as `first` (id `first_id`).
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        bytes: &[u8],
        toks: &[Token],
        ids: &[u32],
        t: usize,
        start: &Start<'_>,
        first: &[u8],
        first_id: u32,
        enclitic_ok: &dyn Fn(u32) -> bool,
    ) -> Option<Hit> {
        let from = toks.get(t)?.start as usize + start.prefix;
        let mut best: Option<Hit> = None;
        let mut node = ROOT;
        let mut k = t;
        while let Some(&tok) = toks.get(k) {
            let token: &[u8] = if k == t { first } else { &bytes[range(tok)] };
            let spaced = k > t && tok.spaced;
            let end = tok.end as usize;
            // An enclitic on the last token: the name ends before it.
            if self.enclitics && tok.word {
                for suffix in words::ENCLITICS {
                    let Some(stem) = token.strip_suffix(suffix.as_bytes()) else {
                        continue;
                    };
                    if stem.is_empty() {
                        continue;
                    }
                    let Some(id) = self.lookup(stem) else { continue };
                    let Some(child) = self.child(node, id, spaced) else {
                        continue;
                    };
                    let end = end - suffix.len();
                    if best.as_ref().is_some_and(|b| b.end >= end) {
                        continue;
                    }
                    if let Some(entity) = start
                        .allow(self.nodes[child as usize].terminal, from, end)
                        .filter(|&e| enclitic_ok(e))
                    {
                        best = Some(Hit {
                            start: from,
                            end,
                            entity,
                            node: child,
                            first: t as u32,
                            last: k as u32 + 1,
                        });
                    }
                }
            }
            let id = if k == t { first_id } else { ids[k] };
            if id == NO_TOKEN {
                break;
            }
            let Some(child) = self.child(node, id, spaced) else {
                break;
            };
            node = child;
            if let Some(entity) = start.allow(self.nodes[node as usize].terminal, from, end) {
                best = Some(Hit {
                    start: from,
                    end,
                    entity,
                    node,
                    first: t as u32,
                    last: k as u32 + 1,
                });
            }
            k += 1;
        }
        best
    }
}

/// Where a name is tried in a word: after `prefix` bytes of proclitics,
/// with the article's alef restored when `elided`.
struct Start<'a> {
    text: &'a str,
    word: &'a str,
    prefix: usize,
    elided: bool,
}

impl Start<'_> {
    /// The entity of a name ending at `terminal` (over `from..end` of the
    /// text), when the proclitics allow it there.
    #[inline]
    fn allow(&self, terminal: u32, from: usize, end: usize) -> Option<u32> {
        let entity = (terminal & !ELIDABLE).checked_sub(1)?;
        let ok = if self.prefix == 0 {
            true
        } else if self.elided {
            terminal & ELIDABLE != 0 && words::is_eliding_proclitic(&self.word[..self.prefix])
        } else {
            words::is_noun_proclitic(&self.word[..self.prefix])
                && self.text[from..end].chars().count() >= MIN_STEM_CHARS
        };
        ok.then_some(entity)
    }
}
