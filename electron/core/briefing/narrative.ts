import type { BriefingFiguresData } from '../../../shared/api/briefing';
import { percent, type SectionKey } from '../../../shared/domain/briefing-figures';
import { monthDay } from '../../../shared/domain/days';

/**
 * The paragraphs a briefing starts with, written from its figures in the register of the
 * offices' own reports ("全街道设置防疫卡点99个，24小时专人值守…"). Staff edit them; the
 * figures stay the data's. Sentences about nothing (no donations today) are left out.
 */

const n = (v: number) => v.toLocaleString('zh-CN');
const join = (parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join('，');

export function prefill(f: BriefingFiguresData): Record<SectionKey, string> {
  const t = f.totals;
  const where = `全${f.officeName.endsWith('街道') || f.officeName.endsWith('镇') ? f.officeName.slice(-2) : '街道'}`;
  const level = [
    t.compoundsSealed && `封控区${n(t.compoundsSealed)}个`,
    t.compoundsControlled && `管控区${n(t.compoundsControlled)}个`,
    t.compoundsPrecaution && `防范区${n(t.compoundsPrecaution)}个`,
  ].filter(Boolean);
  const dutyRate = percent(t.dutyFilled, t.dutyNeeded);
  const followRate = percent(t.followupsDone, t.followupsDue);
  const screenRate = percent(t.screenReached, t.screenHouseholds);
  const low = f.supplies.filter((s) => s.low).map((s) => s.name);
  const issued = f.supplies.filter((s) => s.issued > 0).map((s) => `${s.name}${n(s.issued)}${s.unit}`);
  const received = f.supplies.filter((s) => s.received > 0).map((s) => `${s.name}${n(s.received)}${s.unit}`);
  return {
    overall: `${monthDay(f.day)}，${join([
      `${where}辖${n(t.communities)}个社区（村）、${n(t.compounds)}个居民小区，共${n(t.households)}户${n(t.population)}人`,
      level.length ? `其中${level.join('、')}` : '各小区均为常态管理',
    ])}。各社区、小区严格落实各项防控措施，总体形势平稳可控。`,
    checkpoints: `${join([
      `${where}设置防疫执勤卡点${n(t.checkpoints)}个，24小时专人值守`,
      t.dutyNeeded ? `当日应到岗${n(t.dutyNeeded)}人次、实到岗${n(t.dutyFilled)}人次（到岗率${dutyRate}%）` : '当日未排班',
      t.dutyAbsent ? `缺岗${n(t.dutyAbsent)}人次，已安排替补` : '',
    ])}。对进出人员和车辆严格实行信息登记、体温测量，当日登记人员${n(t.regPeople)}人次、车辆${n(t.regVehicles)}辆次${
      t.regRefused ? `，劝返${n(t.regRefused)}人次` : ''
    }${t.regAbnormal ? `；发现体温异常${n(t.regAbnormal)}人次，均已按规定处置` : '，未发现体温异常人员'}。`,
    screening: `${join([
      `现有在管重点人员${n(t.keyUnder)}人`,
      t.keyUnder
        ? `其中居家观察${n(t.keyHomeObservation)}人、居家隔离${n(t.keyHomeIsolation)}人、集中隔离${n(t.keyCentralQuarantine)}人、健康监测${n(t.keyHealthMonitoring)}人`
        : '',
      `当日新增${n(t.keyNew)}人、解除管控${n(t.keyReleased)}人`,
    ])}。${t.followupsDue ? `每日两次随访测温，当日应随访${n(t.followupsDue)}人次、已随访${n(t.followupsDone)}人次（完成率${followRate}%）。` : ''}${
      f.campaignName && t.screenHouseholds
        ? `“${f.campaignName}”入户排查应覆盖${n(t.screenHouseholds)}户，已排查${n(t.screenReached)}户（覆盖率${screenRate}%）。`
        : ''
    }${t.tested ? `当日核酸检测${n(t.tested)}人次。` : ''}`,
    supplies: `${
      join([
        received.length
          ? `当日接收${t.donations ? `捐赠${n(t.donations)}批及` : ''}入库${received.join('、')}`
          : t.donations
            ? `当日接收捐赠${n(t.donations)}批`
            : '',
        issued.length ? `向社区、卡点发放${issued.join('、')}` : '当日无物资发放',
      ]) || '当日物资收发平稳'
    }。${
      f.scarcest ? `按近7日用量测算，${f.scarcest.name}库存可用${f.scarcest.daysOfCover}天。` : ''
    }${low.length ? `${low.join('、')}库存不足，需及时补充。` : '各类防疫物资储备充足。'}`,
    volunteers: `${join([
      `统筹党员、志愿者${n(t.people)}人，组建队伍${n(t.teams)}支`,
      t.dutyPeople ? `当日${n(t.dutyPeople)}人参与卡点值守和志愿服务` : '',
      t.needsNew || t.needsDone ? `受理群众买菜、就医、购药等需求${n(t.needsNew)}件，办结${n(t.needsDone)}件` : '',
    ])}。`,
    problems: `${join([
      t.inspections ? `当日开展督查${n(t.inspections)}次，检查卡点、小区和经营场所${n(t.inspectedPlaces)}处，发现问题${n(t.problemsNew)}条` : '当日未开展督查',
      t.problemsClosed ? `整改销号${n(t.problemsClosed)}条` : '',
      t.problemsOpen ? `尚有${n(t.problemsOpen)}条问题未销号${t.problemsOverdue ? `，其中逾期${n(t.problemsOverdue)}条，已督促责任单位限期整改` : ''}` : '',
      t.disinfectDue ? `公共区域应消杀${n(t.disinfectDue)}次、已消杀${n(t.disinfectDone)}次（完成率${percent(t.disinfectDone, t.disinfectDue)}%）` : '',
      t.alertsRaised ? `当日产生预警${n(t.alertsRaised)}条，已处置${n(t.alertsHandled)}条` : '当日未产生预警',
      t.alertsOpen ? `尚有${n(t.alertsOpen)}条待处置，已督促责任人尽快处置` : '',
      t.followupsDue > t.followupsDone ? `随访未完成${n(t.followupsDue - t.followupsDone)}人次，已督促网格员补报` : '',
      t.dutyAbsent ? `卡点缺岗${n(t.dutyAbsent)}人次，已督促补齐` : '',
    ])}。`,
    next: `一是继续严格落实卡点24小时值守和出入登记、测温制度；二是加强重点人员每日随访，确保应访尽访；三是${
      low.length ? `及时补充${low.join('、')}等物资` : '做好防疫物资储备和调配'
    }；四是持续开展督查，落实“督促-整改-督促”机制，推动各项防控措施落实到位。`,
  };
}
