"""Git objects, packs and bundles written in Python, byte for byte the same on every machine.

`git bundle create` compresses and orders a pack as the installed git version chooses, so its
bytes differ between git versions. The example's bundles are written here instead: blobs, trees
and commits hashed as git hashes them, in a version-2 pack whose objects are zlib-compressed at
level 9 in creation order, a changed blob or tree stored as a REF_DELTA (copy the unchanged
prefix and suffix of its previous version, insert the rest), under a version-2 bundle header.
Git reads them like any bundle (`git clone`, `git fetch`, `git bundle verify`).
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

TYPE_CODES = {"commit": 1, "tree": 2, "blob": 3}
REF_DELTA = 7
FILE_MODE, TREE_MODE = "100644", "40000"
MAX_COPY = 0xFFFF
MAX_DEPTH = 40


def object_id(kind: str, data: bytes) -> str:
    """The SHA-1 git gives an object of this kind and content."""
    return hashlib.sha1(f"{kind} {len(data)}\0".encode() + data).hexdigest()


@dataclass
class ObjectStore:
    """Objects in creation order; a new version of a path is stored as a delta of the last one."""

    objects: dict[str, tuple[str, bytes, str | None]] = field(default_factory=dict)
    last: dict[str, str] = field(default_factory=dict)
    depth: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, data: bytes, slot: str | None = None) -> str:
        """Store an object (once); `slot` names what it is a version of (a path) for deltas."""
        sha = object_id(kind, data)
        if sha not in self.objects:
            base = self.last.get(slot) if slot is not None else None
            if base is not None and self.depth[base] >= MAX_DEPTH:
                base = None
            self.objects[sha] = (kind, data, base)
            self.depth[sha] = 0 if base is None else self.depth[base] + 1
        if slot is not None:
            self.last[slot] = sha
        return sha

    def tree(self, files: dict[str, bytes], prefix: str = "") -> str:
        """Store the tree of `files` (path -> content) and its subtrees and blobs; its id."""
        entries: dict[str, tuple[str, str]] = {}
        folders: dict[str, dict[str, bytes]] = {}
        for path, content in files.items():
            head, sep, rest = path.partition("/")
            if sep:
                folders.setdefault(head, {})[rest] = content
            else:
                entries[head] = (FILE_MODE, self.add("blob", content, prefix + path))
        for name, inner in folders.items():
            entries[name] = (TREE_MODE, self.tree(inner, f"{prefix}{name}/"))
        data = b"".join(
            f"{mode} {name}\0".encode() + bytes.fromhex(sha)
            for name, (mode, sha) in sorted(entries.items(), key=_tree_order)
        )
        return self.add("tree", data, prefix or "/")

    def pack(self) -> bytes:
        """Every stored object as a version-2 pack with its SHA-1 trailer."""
        out = [b"PACK", struct.pack(">II", 2, len(self.objects))]
        for kind, data, base in self.objects.values():
            if base is not None:
                diff = delta(self.objects[base][1], data)
                if len(diff) < len(data) // 2:
                    out += [_header(REF_DELTA, len(diff)), bytes.fromhex(base)]
                    out.append(zlib.compress(diff, 9))
                    continue
            out += [_header(TYPE_CODES[kind], len(data)), zlib.compress(data, 9)]
        body = b"".join(out)
        return body + hashlib.sha1(body).digest()


def _tree_order(entry: tuple[str, tuple[str, str]]) -> bytes:
    """Git sorts tree entries by name, a folder as if its name ended in `/`."""
    name, (mode, _) = entry
    return (name + "/" if mode == TREE_MODE else name).encode()


def commit_data(
    tree: str, parents: list[str], author: str, committer: str, when: int, message: str
) -> bytes:
    """A commit object's content; `author` and `committer` as `Name <email>`, times in UTC."""
    lines = [f"tree {tree}", *(f"parent {p}" for p in parents)]
    lines += [f"author {author} {when} +0000", f"committer {committer} {when} +0000"]
    return ("\n".join(lines) + "\n\n" + message + "\n").encode()


def delta(base: bytes, target: bytes) -> bytes:
    """A git delta of `target` on `base`: copy the common prefix and suffix, insert the rest."""
    limit = min(len(base), len(target))
    prefix = 0
    while prefix < limit and base[prefix] == target[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and base[-1 - suffix] == target[-1 - suffix]:
        suffix += 1
    out = bytearray(_varint(len(base)) + _varint(len(target)))
    out += _copy(0, prefix)
    middle = target[prefix : len(target) - suffix]
    for i in range(0, len(middle), 127):
        chunk = middle[i : i + 127]
        out += bytes([len(chunk)]) + chunk
    out += _copy(len(base) - suffix, suffix)
    return bytes(out)


def _copy(offset: int, size: int) -> bytes:
    out = bytearray()
    while size > 0:
        n = min(size, MAX_COPY)
        op, args = 0x80, bytearray()
        for i in range(4):
            byte = (offset >> (8 * i)) & 0xFF
            if byte:
                op |= 1 << i
                args.append(byte)
        for i in range(2):
            byte = (n >> (8 * i)) & 0xFF
            if byte:
                op |= 1 << (4 + i)
                args.append(byte)
        out += bytes([op]) + args
        offset, size = offset + n, size - n
    return bytes(out)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _header(type_code: int, size: int) -> bytes:
    out = bytearray([(type_code << 4) | (size & 0x0F)])
    size >>= 4
    while size:
        out[-1] |= 0x80
        out.append(size & 0x7F)
        size >>= 7
    return bytes(out)


def write_bundle(path: Path, store: ObjectStore, branch: str, head: str) -> None:
    """A version-2 bundle of every stored object with `refs/heads/<branch>` and HEAD at `head`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"# v2 git bundle\n{head} HEAD\n{head} refs/heads/{branch}\n\n".encode()
    path.write_bytes(header + store.pack())
