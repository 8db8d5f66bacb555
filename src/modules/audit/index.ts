import { AuditEntry } from '../common/audit-entry.entity';
import type { FeatureModule } from '../common/feature-module';
import { AuditResolver } from './audit.resolver';
import { ChangeResolver } from './changes.resolver';

export const auditModule: FeatureModule = {
  // The audit trail's table; its entity lives with the write path, which writes it.
  entities: [AuditEntry],
  resolvers: [AuditResolver, ChangeResolver],
  ids: ['AuditEntry'],
};

declare module '../../graph/node' {
  interface IdTypes {
    AuditEntry: true;
  }
}
