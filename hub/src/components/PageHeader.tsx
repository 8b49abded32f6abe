import type { ReactNode } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { CustomHeader, HeaderDescription, HeaderTitle, HeaderTitleArea, HeaderTitleRow, TitleSize } from 'azure-devops-ui/Header';
import { CustomHeaderCommandBar } from 'azure-devops-ui/HeaderCommandBar';

export interface PageCommand {
  id: string;
  text: string;
  iconName: string;
  onActivate(): void;
}

/**
 * The page's title, description and commands, drawn as azure-devops-ui's `Header` draws them. Its
 * `commandBarItems` would bring the command bar's overflow menu and resizing (some 20 KiB of the first load)
 * for two commands that always show, so the commands are laid out here: plain buttons, each its own Tab
 * stop (a menu bar's single Tab stop and arrow keys would hide Settings from a user who only tabs), in the
 * command bar's own focus zone and classes.
 */
export function PageHeader({ title, description, commands }: { title: string; description: ReactNode; commands: readonly PageCommand[] }) {
  return (
    <CustomHeader className="bolt-header-with-commandbar">
      <div className="bolt-header-content-area flex-row flex-grow flex-self-stretch">
        <HeaderTitleArea>
          <HeaderTitleRow>
            <HeaderTitle titleSize={TitleSize.Large}>{title}</HeaderTitle>
          </HeaderTitleRow>
          <HeaderDescription>{description}</HeaderDescription>
        </HeaderTitleArea>
        <CustomHeaderCommandBar className="flex-self-start">
          <div className="bolt-header-commandbar-button-group flex-row flex-center flex-grow scroll-hidden rhythm-horizontal-8">
            {commands.map((command) => (
              <Button
                key={command.id}
                id={command.id}
                className="bolt-header-command-item-button"
                text={command.text}
                iconProps={{ iconName: command.iconName }}
                onClick={command.onActivate}
              />
            ))}
          </div>
        </CustomHeaderCommandBar>
      </div>
    </CustomHeader>
  );
}
