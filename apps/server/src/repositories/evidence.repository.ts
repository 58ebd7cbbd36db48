/**
 * Evidence documents (tài liệu kiểm chứng) of a unit in a cycle, their bytes (base64 in
 * `document_blobs`) and their links to leaves (`leaf_evidence`, with a page reference).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { documentBlobs, evidenceDocuments, leafEvidence } from '../db/schema.ts';

export type EvidenceDocument = typeof evidenceDocuments.$inferSelect;
export type LeafEvidenceRow = typeof leafEvidence.$inferSelect;

export class EvidenceRepository {
  constructor(private readonly db: Db) {}

  /** Stores a document's description and, separately, its content (base64). */
  async insertDocument(row: typeof evidenceDocuments.$inferInsert, contentBase64: string): Promise<void> {
    await this.db.insert(evidenceDocuments).values(row);
    await this.db.insert(documentBlobs).values({ documentId: row.id, content: contentBase64 });
  }

  /** One document's description, or undefined. */
  async findDocument(id: string): Promise<EvidenceDocument | undefined> {
    const [doc] = await this.db.select().from(evidenceDocuments).where(eq(evidenceDocuments.id, id));
    return doc;
  }

  /** One document's content (base64), or undefined. */
  async findContent(documentId: string): Promise<string | undefined> {
    const [blob] = await this.db.select().from(documentBlobs).where(eq(documentBlobs.documentId, documentId));
    return blob?.content;
  }

  /** Links the document to the leaf, or changes the page of the existing link. */
  async link(row: { cycleId: string; unitId: string; leafCode: string; documentId: string; page: string | null }): Promise<void> {
    await this.db
      .insert(leafEvidence)
      .values(row)
      .onConflictDoUpdate({ target: [leafEvidence.cycleId, leafEvidence.unitId, leafEvidence.leafCode, leafEvidence.documentId], set: { page: row.page } });
  }

  /** Removes the document's link to the leaf (nothing when there is none). */
  async unlink(cycleId: string, unitId: string, leafCode: string, documentId: string): Promise<void> {
    await this.db.delete(leafEvidence).where(and(eq(leafEvidence.cycleId, cycleId), eq(leafEvidence.unitId, unitId), eq(leafEvidence.leafCode, leafCode), eq(leafEvidence.documentId, documentId)));
  }

  /** How many documents are linked to the unit's leaf. */
  async countForLeaf(cycleId: string, unitId: string, leafCode: string): Promise<number> {
    const [r] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(leafEvidence)
      .where(and(eq(leafEvidence.cycleId, cycleId), eq(leafEvidence.unitId, unitId), eq(leafEvidence.leafCode, leafCode)));
    return Number(r?.n ?? 0);
  }

  /** Every link of the unit's leaves with its document, in no particular order. */
  async listLinkedDocuments(cycleId: string, unitId: string): Promise<{ leafCode: string; page: string | null; d: EvidenceDocument }[]> {
    return this.db
      .select({ leafCode: leafEvidence.leafCode, page: leafEvidence.page, d: evidenceDocuments })
      .from(leafEvidence)
      .innerJoin(evidenceDocuments, eq(evidenceDocuments.id, leafEvidence.documentId))
      .where(and(eq(leafEvidence.cycleId, cycleId), eq(leafEvidence.unitId, unitId)));
  }

  /** The documents the unit uploaded in the cycle, in no particular order. */
  async listDocuments(cycleId: string, unitId: string): Promise<EvidenceDocument[]> {
    return this.db.select().from(evidenceDocuments).where(and(eq(evidenceDocuments.cycleId, cycleId), eq(evidenceDocuments.unitId, unitId)));
  }

  /** The unit's links to these documents (none for an empty list). */
  async listLinks(cycleId: string, unitId: string, documentIds: string[]): Promise<LeafEvidenceRow[]> {
    return this.db
      .select()
      .from(leafEvidence)
      .where(and(eq(leafEvidence.cycleId, cycleId), eq(leafEvidence.unitId, unitId), documentIds.length ? inArray(leafEvidence.documentId, documentIds) : sql`false`));
  }
}
