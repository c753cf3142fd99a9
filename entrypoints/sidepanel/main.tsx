import { createRoot } from 'react-dom/client';
import { SidePanelApp } from '@/components/SidePanelApp';

createRoot(document.getElementById('root')!).render(<SidePanelApp />);
