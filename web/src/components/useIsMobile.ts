// Whether the screen is phone-sized (below antd's `sm` breakpoint, 576px).
import { Grid } from 'antd';

export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // before the first measurement every breakpoint is undefined: assume a desktop
  return screens.sm === false;
}
