#!/usr/bin/env node
import {
  ByteCursor
} from "./chunk-AS4ERZIM.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/image/mbr.ts
var MBR_BYTES = 512;
var KLOG_AREA_BYTES = 4096;
var REGION_OFFSET = 426;
var PARTITION_TABLE_OFFSET = 446;
var PARTITION_ENTRY_BYTES = 16;
var PARTITION_ENTRIES = 4;
var SIGNATURE_OFFSET = 510;
var SIGNATURE = 43605;
var REGION_TYPE_STAGE2 = 12;
var ACTIVE = 128;
var PartitionType = { esp: 239, nanos: 131 };
var SECTORS_PER_TRACK = 63;
var HEADS = 255;
var MAX_CYLINDER = 1023;
function encodeChs(byteOffset) {
  const sector = Math.floor(byteOffset / MBR_BYTES);
  let cylinder = Math.floor(sector / SECTORS_PER_TRACK / HEADS);
  let head = Math.floor(sector / SECTORS_PER_TRACK) % HEADS;
  let sectorInTrack = sector % SECTORS_PER_TRACK + 1;
  if (cylinder > MAX_CYLINDER) {
    cylinder = MAX_CYLINDER;
    head = HEADS - 1;
    sectorInTrack = SECTORS_PER_TRACK;
  }
  return [head, cylinder >> 8 | sectorInTrack, cylinder & 255];
}
__name(encodeChs, "encodeChs");
function decodeRegion(mbr) {
  const cursor = new ByteCursor(mbr).seek(REGION_OFFSET);
  return {
    base: Number(cursor.u64leBig()),
    // where stage1 loads stage2
    length: Number(cursor.u64leBig()),
    // stage2 bytes (S2)
    type: cursor.u32le()
    // REGION_TYPE_STAGE2 in a Nanos boot.img
  };
}
__name(decodeRegion, "decodeRegion");
function decodeMbr(sector) {
  const cursor = new ByteCursor(sector);
  const partitions = [];
  for (let index = 0; index < PARTITION_ENTRIES; index++) {
    cursor.seek(PARTITION_TABLE_OFFSET + index * PARTITION_ENTRY_BYTES);
    const entry = decodePartitionEntry(cursor);
    if (entry.type !== 0 || entry.sectors !== 0) partitions.push({ ...entry, index });
  }
  return {
    hasSignature: cursor.seek(SIGNATURE_OFFSET).u16le() === SIGNATURE,
    region: decodeRegion(sector),
    partitions
  };
}
__name(decodeMbr, "decodeMbr");
function decodePartitionEntry(cursor) {
  const status = cursor.u8();
  cursor.skip(3);
  const type = cursor.u8();
  cursor.skip(3);
  return { active: status === ACTIVE, type, startLba: cursor.u32le(), sectors: cursor.u32le() };
}
__name(decodePartitionEntry, "decodePartitionEntry");
function encodePartitionEntry(cursor, type, offsetBytes, sizeBytes) {
  cursor.writeU8(ACTIVE);
  cursor.writeBytes(Uint8Array.from(encodeChs(offsetBytes)));
  cursor.writeU8(type);
  cursor.writeBytes(Uint8Array.from(encodeChs(offsetBytes + sizeBytes - MBR_BYTES)));
  cursor.writeU32le(offsetBytes / MBR_BYTES);
  cursor.writeU32le(sizeBytes / MBR_BYTES);
}
__name(encodePartitionEntry, "encodePartitionEntry");
function writePartitionTable(stage1, partitions) {
  if (partitions.length > PARTITION_ENTRIES) throw new RangeError("An MBR holds 4 partitions.");
  const sector = Uint8Array.from(stage1.subarray(0, MBR_BYTES));
  const cursor = new ByteCursor(sector).seek(PARTITION_TABLE_OFFSET);
  cursor.writeBytes(new Uint8Array(PARTITION_ENTRIES * PARTITION_ENTRY_BYTES)).seek(PARTITION_TABLE_OFFSET);
  for (const { type, offsetBytes, sizeBytes } of partitions) {
    if (offsetBytes % MBR_BYTES !== 0 || sizeBytes % MBR_BYTES !== 0) {
      throw new RangeError(`Partition at ${offsetBytes} (+${sizeBytes}) is not sector aligned.`);
    }
    encodePartitionEntry(cursor, type, offsetBytes, sizeBytes);
  }
  return sector;
}
__name(writePartitionTable, "writePartitionTable");

export {
  MBR_BYTES,
  KLOG_AREA_BYTES,
  REGION_TYPE_STAGE2,
  PartitionType,
  decodeMbr,
  writePartitionTable
};
