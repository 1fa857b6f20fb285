// A button that is a real link (<a href>, opens in a new tab on ctrl-click) but navigates inside the app on a plain click.
import type { ComponentProps } from 'react';
import { Button } from 'antd';
import { useHref, useLinkClickHandler } from 'react-router-dom';

export function LinkButton({
  to,
  ...props
}: Omit<ComponentProps<typeof Button>, 'href' | 'onClick'> & { to: string }) {
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLElement>(to);
  return <Button {...props} href={href} onClick={onClick} />;
}
