/** The issue-8 view of a matched law route (lib/law-routes.ts). */
import type { LawRoute } from '../../lib/law-routes.ts';
import { IncidentNormsView } from './IncidentNorms.tsx';
import { LegalWizardView } from './LegalWizardView.tsx';
import { LessonsView } from './LessonsView.tsx';
import { LessonView } from './LessonView.tsx';
import { NormsView } from './NormsView.tsx';
import { ResponseBoardView } from './ResponseBoardView.tsx';
import { StateRecordView } from './StateRecordView.tsx';

export function LawView({ route }: { route: LawRoute }) {
  switch (route.view) {
    case 'legal': return <LegalWizardView />;
    case 'norms': return <NormsView />;
    case 'norms-state': return <StateRecordView key={route.state} state={route.state} />;
    case 'incident-norms': return <IncidentNormsView id={route.id} />;
    case 'responses': return <ResponseBoardView key={route.caseId} caseId={route.caseId} />;
    case 'lessons': return <LessonsView />;
    case 'lesson': return <LessonView id={route.id} />;
  }
}
