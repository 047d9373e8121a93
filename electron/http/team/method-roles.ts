import type { HandlerName } from '../../shared/contract';
import type { Role } from '../../shared/team';

/**
 * The least role that may call each contract method in team mode (each role may do what the ones
 * below it may). Complete by type: a new method without a role here fails to compile.
 * Reviewers read every call, label, note and mark reviewed; leads also import, assign, export,
 * retrain and switch models; admins also change the library's settings.
 */
export const METHOD_ROLES: Record<HandlerName, Role> = {
  'app.info': 'reviewer',
  'settings.get': 'reviewer',
  'settings.update': 'admin',
  // Browsing the server's disks and starting analyses are how a lead brings calls in.
  'files.list': 'lead',
  'recordings.list': 'reviewer',
  'recordings.get': 'reviewer',
  'recordings.peaksInfo': 'reviewer',
  'recordings.peaksRange': 'reviewer',
  'recordings.spectrogram': 'reviewer',
  'recordings.regions': 'reviewer',
  'recordings.find': 'reviewer',
  'recordings.timeline': 'reviewer',
  'labels.create': 'reviewer',
  'labels.update': 'reviewer',
  'labels.delete': 'reviewer',
  // Bulk imports rewrite many calls at once, under any reviewer's name.
  'labels.import': 'lead',
  'labels.importCsv': 'lead',
  'review.set': 'reviewer',
  'analysis.start': 'lead',
  'analysis.cancel': 'lead',
  'analysis.jobs': 'reviewer',
  'export.report': 'lead',
  'models.list': 'reviewer',
  'models.activate': 'lead',
  'models.rollback': 'lead',
  'models.retrain': 'lead',
  'models.retrainStatus': 'reviewer',
  'models.cancelRetrain': 'lead',
  'models.priors': 'reviewer',
  'models.lineStats': 'reviewer',
  'models.estimatePriors': 'lead',
  'notes.get': 'reviewer',
  'notes.setCall': 'reviewer',
  'notes.setRegion': 'reviewer',
  'agents.list': 'reviewer',
  'queue.status': 'reviewer',
  // Bringing calls in, as analysis.start.
  'queue.enqueue': 'lead',
  // The team server refuses it to everyone (it never fetches an address a client names).
  'teamServer.probe': 'reviewer',
  'assignments.assign': 'lead',
  'assignments.unassign': 'lead',
  'assignments.list': 'reviewer',
  'users.list': 'lead',
};
